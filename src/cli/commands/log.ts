/**
 * `kith log <kind> --with <who>…`: log a touchpoint.
 */
import { logTouch } from '../../app/touchpoints.js';
import { contactView, touchpointView } from '../../app/views.js';
import { printJson, println } from '../output.js';
import { withApp, type CommandOpts } from '../run.js';

export async function log([kind]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const { touchpoint, contacts } = await logTouch(ctx, {
      kind,
      with: o.with,
      on: o.on,
      by: o.by,
      summary: o.summary,
      notes: o.notes,
      topics: o.topic,
      channel: o.channel,
    });
    if (o.json)
      printJson({
        ...touchpointView(touchpoint),
        contacts: contacts.map((c) => ({ id: contactView(c).id, name: c.displayName })),
      });
    else
      println(
        `Logged ${touchpoint.kind} with ${contacts.map((c) => c.displayName).join(', ')} on ${touchpoint.occurredAt.slice(0, 10)}.`,
      );
  });
}
