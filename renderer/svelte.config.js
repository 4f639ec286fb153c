import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

export const config = { preprocess: vitePreprocess() };
// Svelte tooling (vite-plugin-svelte, svelte-check) reads the default export.
// eslint-disable-next-line no-restricted-syntax -- svelte tooling reads the default export
export default config;
