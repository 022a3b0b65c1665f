// `npm run user -- add|remove|list [NAME]`: local accounts for sign-in, kept as scrypt hashes in
// the data directory. `add` prompts on a terminal; otherwise it reads the password from stdin,
// so `printf '%s' "$PW" | npm run user -- add alice` works in scripts.
import { addUser, MIN_PASSWORD_LENGTH, readUsers, removeUser, usersFile } from '@/lib/auth/local-users';
import { readConfig } from '@/lib/config';

const USAGE = 'usage: npm run user -- add NAME | remove NAME | list';

function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          return resolve(value);
        }
        if (ch === '\u0003') {
          stdin.setRawMode(false);
          return reject(new Error('cancelled'));
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readStdin(): Promise<string> {
  let data = '';
  for await (const chunk of process.stdin) data += chunk;
  // A trailing newline from `echo` is not part of the password.
  return data.replace(/\r?\n$/, '');
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readStdin();
  const first = await promptHidden(`Password (at least ${MIN_PASSWORD_LENGTH} characters): `);
  const second = await promptHidden('Again: ');
  if (first !== second) throw new Error('the two passwords differ; nothing was changed');
  return first;
}

async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2);
  const { dataDir } = readConfig();
  if (command === 'list' && !name) {
    const users = readUsers(dataDir);
    if (!users.length) console.log(`no local users in ${usersFile(dataDir)}`);
    for (const u of users) console.log(`${u.name}\tadded ${u.createdAt}`);
    return 0;
  }
  if (command === 'add' && name) {
    const result = await addUser(dataDir, name, await readPassword());
    console.log(`${result} local user ${name} (${usersFile(dataDir)})`);
    return 0;
  }
  if (command === 'remove' && name) {
    if (!removeUser(dataDir, name)) {
      console.error(`no local user ${name}`);
      return 1;
    }
    console.log(`removed local user ${name}`);
    return 0;
  }
  console.error(USAGE);
  return 2;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`user: ${(err as Error).message}`);
    process.exit(1);
  },
);
