/**
 * `kith resource …`: add, list, care, for.
 */
import { shortId, withoutOwner } from '../../app/network-schemas.js';
import { addResource, listResources, resourceCare, resourcesFor } from '../../app/resources.js';
import { bold, dim, printJson, println } from '../output.js';
import { withApp, type CommandOpts, str } from '../run.js';
import { printMatches } from './posts.js';


export async function add([title]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const r = await addResource(ctx, { title, url: o.url, topics: o.topic, notes: o.notes });
    if (o.json) printJson(withoutOwner(r));
    else println(`Kept ${bold(r.title)}  ${dim(r.id)}\nWho would care: kith resource care ${shortId(r.id)}`);
  });
}

export async function list(_: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const resources = await listResources(ctx, { topic: str(o.topic) });
    if (o.json) {
      printJson({ resources });
      return;
    }
    if (resources.length === 0) {
      println('No resources yet: kith resource add "Title" --url URL --topic T');
      return;
    }
    for (const r of resources)
      println(
        `${bold(r.title)}${r.topics.length ? `  ${r.topics.join(', ')}` : ''}${r.url ? dim(`  ${r.url}`) : ''}  ${dim(shortId(r.id))}`,
      );
  });
}

export async function care([ref]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const r = await resourceCare(ctx, String(ref));
    if (o.json) {
      printJson(r);
      return;
    }
    println(`Who would care about ${bold(r.resource.title)}`);
    printMatches(r.matches, '  Nobody yet: add topics to the resource, or interests to your contacts.');
  });
}

export async function forWho([who]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const r = await resourcesFor(ctx, String(who));
    if (o.json) {
      printJson(r);
      return;
    }
    if (r.resources.length === 0) {
      println(`No resource fits ${r.contact.name} yet.`);
      return;
    }
    println(`Resources for ${bold(r.contact.name)}`);
    for (const x of r.resources)
      println(`  ${bold(x.resource.title)}${x.resource.url ? `  ${x.resource.url}` : ''}  ${dim(x.reasons.join('; '))}`);
  });
}
