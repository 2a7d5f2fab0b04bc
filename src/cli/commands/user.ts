/**
 * `kith user …`: logins for `kith serve`, from the terminal of the machine that
 * holds the data. The first `kith user add` gives the owner (the CLI's own user)
 * an email and a password; later ones invite people.
 */
import { createInterface } from 'node:readline';
import {
  changePassword,
  createApiToken,
  createInvitation,
  endAllSessions,
  listAccountUsers,
  listApiTokens,
  needsSetup,
  revokeApiToken,
  setOwnerCredentials,
} from '../../app/accounts.js';
import type { Ctx } from '../../app/ports.js';
import { AppError } from '../../core/errors.js';
import { dim, printJson, println } from '../output.js';
import { withApp, type CommandOpts } from '../run.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Asks on the terminal without echoing what is typed. */
function prompt(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const out = rl as unknown as { _writeToOutput: (s: string) => void };
    process.stderr.write(question);
    out._writeToOutput = () => {};
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

/** The password: standard input, $KITH_PASSWORD, or a prompt asked twice. */
async function password(o: CommandOpts): Promise<string> {
  if (o.passwordStdin) return readStdin();
  if (process.env.KITH_PASSWORD) return process.env.KITH_PASSWORD;
  if (!process.stdin.isTTY) {
    throw new AppError('invalid_input', 'password: give it with --password-stdin or $KITH_PASSWORD', {
      issues: [{ field: 'password', message: 'missing' }],
    });
  }
  const first = await prompt('Password (10 characters or more): ');
  if ((await prompt('Again: ')) !== first) throw new AppError('invalid_input', 'password: the two entries differ');
  return first;
}

const joinUrl = (base: string, token: string): string => `${base.replace(/\/+$/, '')}/invite/${token}`;

async function invite(ctx: Ctx, email: string | undefined, o: CommandOpts): Promise<void> {
  const { token, invitation } = await createInvitation(ctx, { email: email ?? null, days: o.days as number | undefined });
  const url = joinUrl(String(o.url ?? 'http://127.0.0.1:4580'), token);
  if (o.json) {
    printJson({ url, email: invitation.email, expiresAt: invitation.expiresAt });
    return;
  }
  println(
    `Invitation${invitation.email ? ` for ${invitation.email}` : ''}, valid until ${invitation.expiresAt.slice(0, 10)} (it works once):`,
  );
  println(`  ${url}`);
}

export async function add(args: unknown[], o: CommandOpts): Promise<void> {
  const email = String(args[0]);
  await withApp(o, async (ctx) => {
    if (await needsSetup(ctx.store)) {
      const user = await setOwnerCredentials(
        ctx,
        { email, password: await password(o), name: o.name as string | undefined },
        { onlyIfUnset: true },
      );
      if (o.json) printJson({ user, invited: false });
      else println(`${user.email} can now log in to \`kith serve\` as the owner.`);
      return;
    }
    await invite(ctx, email, o);
  });
}

export async function list(_: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const users = await listAccountUsers(ctx.store);
    if (o.json) {
      printJson({ users });
      return;
    }
    for (const u of users) {
      println(
        `${u.email ?? dim('(no email)')}  ${u.name}  ${u.role}${u.hasPassword ? '' : dim('  (no password: cannot log in)')}  ${dim(u.id)}`,
      );
    }
  });
}

export async function passwd(args: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const email = args[0] as string | undefined;
    let userId = ctx.userId;
    if (email) {
      const u = await ctx.store.getUserByEmail(email.toLowerCase());
      if (!u) throw new AppError('not_found', `No user with email ${email}.`);
      userId = u.id;
    }
    // Whoever runs kith on the machine that holds the data is its administrator: no current password.
    await changePassword({ ...ctx, userId }, { password: await password(o) }, { requireCurrent: false });
    println('Password set; every session of that user has ended.');
  });
}

export async function inviteCommand(args: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, (ctx) => invite(ctx, args[0] as string | undefined, o));
}
export { inviteCommand as invite };

export async function logoutEverywhere(_: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    println(`Ended ${await endAllSessions(ctx)} session(s).`);
  });
}

export async function tokenAdd(args: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const { token, info } = await createApiToken(ctx, { name: String(args[0]), scope: o.scope ?? 'read' });
    if (o.json) {
      printJson({ token, info });
      return;
    }
    println(`Token "${info.name}" (${info.scope}). Copy it now; it is not shown again:`);
    println(`  ${token}`);
    println(dim('Use it as: Authorization: Bearer <token>'));
  });
}

export async function tokenList(_: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const tokens = await listApiTokens(ctx);
    if (o.json) {
      printJson({ tokens });
      return;
    }
    if (!tokens.length) println(dim('No API tokens. Create one: kith user token add "my script"'));
    for (const t of tokens) {
      const state = t.revokedAt
        ? `revoked ${t.revokedAt.slice(0, 10)}`
        : t.lastUsedAt
          ? `last used ${t.lastUsedAt.slice(0, 16).replace('T', ' ')}`
          : 'never used';
      println(`${t.id}  ${t.name}  ${t.scope}  ${dim(state)}`);
    }
  });
}

export async function tokenRevoke(args: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    await revokeApiToken(ctx, String(args[0]));
    println('Revoked.');
  });
}
