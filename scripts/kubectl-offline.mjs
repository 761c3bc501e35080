// The environment the Kustomize oracles run `kubectl kustomize` in, so that its output is the
// same on every machine: only PATH and HOME pass through (bare KEY lines in env files must not
// see this machine's environment), the network is a proxy on a closed loopback port (remote
// bases fail the same way online or not), and git never waits for a password prompt.
// Used by scripts/oracle-corpus.mjs and scripts/oracle-kustomize.mjs; Node built-ins only.

const DEAD_PROXY = 'http://127.0.0.1:9';

/** Environment variables for a kubectl run that reads no local settings and reaches no network. */
export function offlineKubectlEnv() {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    HTTP_PROXY: DEAD_PROXY,
    HTTPS_PROXY: DEAD_PROXY,
    http_proxy: DEAD_PROXY,
    https_proxy: DEAD_PROXY,
    GIT_TERMINAL_PROMPT: '0',
  };
}
