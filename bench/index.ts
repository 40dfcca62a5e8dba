/**
 * `npm run bench`: every benchmark in one run, figures printed (never asserted).
 * `npm run bench -- parse news` runs only the named areas; options follow the names (`soak --feeds 10000`).
 */
const areas: Record<string, () => Promise<{ run(): Promise<void> }>> = {
  fetch: () => import('./fetch.js'),
  parse: () => import('./parse.js'),
  news: () => import('./news.js'),
  stories: () => import('./stories.js'),
  relevance: () => import('./relevance.js'),
  ingest: () => import('./ingest.js'),
  delivery: () => import('./delivery.js'),
  'delivery-platforms': () => import('./delivery-platforms.js'),
  telegram: () => import('./telegram.js'),
  discord: () => import('./discord.js'),
  commands: () => import('./commands.js'),
  'telegram-commands': () => import('./telegram-commands.js'),
  'discord-commands': () => import('./discord-commands.js'),
  'feeds-import': () => import('./feeds-import.js'),
  soak: () => import('./soak.js'),
};

// Names come first; options after them (`soak --feeds 10000`) belong to the benchmarks.
const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith('-'));
const wanted = firstOption < 0 ? args : args.slice(0, firstOption);
const selected = wanted.length > 0 ? wanted : Object.keys(areas);
console.log(`# Kazwire benchmarks — Node ${process.version}, ${new Date().toISOString()}`);
for (const name of selected) {
  const load = areas[name];
  if (!load) {
    console.error(`unknown benchmark "${name}"; choose from ${Object.keys(areas).join(', ')}`);
    process.exit(2);
  }
  try {
    await (await load()).run();
  } catch (err) {
    console.error(`benchmark ${name} failed:`, err);
    process.exitCode = 1;
  }
}
const rssMb = process.resourceUsage().maxRSS / 1024;
console.log(`\npeak memory (max RSS of this process): ${rssMb.toFixed(0)} MB (aim: under 300 MB)`);
