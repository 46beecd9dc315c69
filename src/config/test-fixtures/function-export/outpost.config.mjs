// A config may export a (possibly async) function; it is called on load.
export default async () => ({
  targets: { local: 'http://localhost:8080' },
  playwrightConfig: false,
});
