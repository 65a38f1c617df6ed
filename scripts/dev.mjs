// `npm run dev`: the API with tsx watch on :3000 and Vite's dev server on :5173 (proxying /api), together.
import { spawn } from 'node:child_process';

const run = (name, args) => {
  const child = spawn('npm', args, { stdio: 'inherit', env: process.env });
  child.on('exit', (code) => {
    console.log(`[${name}] exited with ${code}`);
    process.exit(code ?? 1);
  });
  return child;
};

const children = [
  run('server', ['run', 'dev', '-w', '@nenner/server']),
  run('web', ['run', 'dev', '-w', '@nenner/web']),
];
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const c of children) c.kill(signal);
  });
}
