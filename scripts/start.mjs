// `npm start`: install what is needed, build the static app with the embedded default data, and serve it.
import { ensureDependencies, run } from './setup.mjs';

ensureDependencies();
run('npx', ['vite', 'build']);
const port = process.env.PORT ?? '4173';
console.log(`› Serving Chỉ tiêu on http://127.0.0.1:${port}/ (Ctrl+C to stop)`);
run('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', port, '--strictPort']);
