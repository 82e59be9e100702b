export default defineBackground(() => {
  // Wired up by the extension data layer (lib/client).
});
