/** Vite's `?raw` suffix imports a file's text, so fixtures stay files users can read. */
declare module "*?raw" {
  const text: string;
  export default text;
}
