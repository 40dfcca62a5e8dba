import { describe, expect, it } from 'vitest';
import { parseRoles, UsageError } from '../../src/app/roles.js';

describe('parseRoles', () => {
  it('runs every role when none is named', () => {
    expect([...parseRoles([])].sort()).toEqual(['discord', 'poller', 'telegram', 'worker']);
    expect(parseRoles(['--role', 'all']).size).toBe(4);
  });

  it('runs only the named roles, in either flag form', () => {
    expect([...parseRoles(['--role', 'poller'])]).toEqual(['poller']);
    expect([...parseRoles(['--role=worker,discord'])].sort()).toEqual(['discord', 'worker']);
  });

  it('refuses an unknown role, naming the valid ones', () => {
    expect(() => parseRoles(['--role', 'pollr'])).toThrow(/unknown role "pollr": use one of poller, worker, discord, telegram, all/);
    expect(() => parseRoles(['--role'])).toThrow(UsageError);
    expect(() => parseRoles(['--verbose'])).toThrow(/unknown argument "--verbose"/);
  });
});
