import { describe, expect, test } from 'vitest';
import { exec, grpc, httpGet, tcpSocket } from '../../src/builders/probes.ts';
import { deepFreeze } from './deep-freeze.ts';

describe('httpGet', () => {
  test('builds an HTTP probe when given a path and a port', () => {
    expect(httpGet('/healthz', 8080)).toStrictEqual({ httpGet: { path: '/healthz', port: 8080 } });
  });

  test('copies the action and timing when given an HTTPGetAction', () => {
    const action = deepFreeze({ path: '/', port: 'http', scheme: 'HTTPS', httpHeaders: [{ name: 'Host', value: 'a' }] });
    expect(httpGet(action, deepFreeze({ initialDelaySeconds: 3, failureThreshold: 2 }))).toStrictEqual({
      initialDelaySeconds: 3,
      failureThreshold: 2,
      httpGet: { path: '/', port: 'http', scheme: 'HTTPS', httpHeaders: [{ name: 'Host', value: 'a' }] },
    });
  });
});

describe('tcpSocket', () => {
  test('builds a TCP probe when given a port name', () => {
    expect(tcpSocket('mysql', { timeoutSeconds: 2 })).toStrictEqual({ timeoutSeconds: 2, tcpSocket: { port: 'mysql' } });
  });
});

describe('exec', () => {
  test('builds a command probe when given a command', () => {
    const command = deepFreeze(['mysqladmin', 'ping']);
    const probe = exec(command);
    expect(probe).toStrictEqual({ exec: { command: ['mysqladmin', 'ping'] } });
    expect(probe.exec!.command).not.toBe(command);
  });
});

describe('grpc', () => {
  test('builds a gRPC probe when given a port number', () => {
    expect(grpc(9000)).toStrictEqual({ grpc: { port: 9000 } });
  });
});
