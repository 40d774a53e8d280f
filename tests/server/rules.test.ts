import { describe, expect, it } from 'vitest';
import { AreaKind } from '../../server/src/areas/area.entity.js';
import { childPath, kindFitsUnder } from '../../server/src/areas/areas.rules.js';
import { idsOnPath, isWithin } from '../../server/src/platform/scope.js';
import {
  FREE_FAILURES_PER_PHONE,
  MAX_DELAY_SECONDS,
  MAX_PHONES_PER_ADDRESS,
  phoneDelaySeconds,
  signInWaitSeconds,
} from '../../server/src/people/login-throttle.js';
import { Viewer } from '../../server/src/platform/auth/viewer.js';
import { ConfigError, loadConfig } from '../../server/src/platform/config.js';
import { negotiateLocale } from '../../server/src/platform/i18n/locale.js';
import { featureMessages } from '../../server/src/messages.js';
import { translate, useMessages } from '../../server/src/platform/i18n/messages.js';
import { toId } from '../../server/src/platform/ids.js';
import { maskName, maskPhone } from '../../server/src/people/people.rules.js';
import { Role } from '../../server/src/platform/auth/roles.js';
import type { User } from '../../server/src/people/user.entity.js';

describe('the area tree', () => {
  it('puts communities and villages under streets, grids under them, buildings under grids', () => {
    expect(kindFitsUnder(AreaKind.STREET, null)).toBe(true);
    expect(kindFitsUnder(AreaKind.COMMUNITY, null)).toBe(false);
    expect(kindFitsUnder(AreaKind.COMMUNITY, AreaKind.STREET)).toBe(true);
    expect(kindFitsUnder(AreaKind.VILLAGE, AreaKind.STREET)).toBe(true);
    expect(kindFitsUnder(AreaKind.GRID, AreaKind.VILLAGE)).toBe(true);
    expect(kindFitsUnder(AreaKind.BUILDING, AreaKind.GRID)).toBe(true);
    expect(kindFitsUnder(AreaKind.BUILDING, AreaKind.COMMUNITY)).toBe(false);
    expect(kindFitsUnder(AreaKind.STREET, AreaKind.STREET)).toBe(false);
  });

  it('keeps subtrees as path prefixes that do not confuse /1/ with /12/', () => {
    expect(childPath(null, 1)).toBe('/1/');
    expect(childPath('/1/', 12)).toBe('/1/12/');
    expect(isWithin('/1/12/', '/1/')).toBe(true);
    expect(isWithin('/1/', '/1/')).toBe(true);
    expect(isWithin('/12/3/', '/1/')).toBe(false);
    expect(idsOnPath('/1/12/40/')).toEqual([1, 12, 40]);
  });
});

describe('roles on subtrees', () => {
  const viewer = new Viewer({ id: 7 } as User, [
    { role: Role.STAFF, areaId: 2, areaPath: '/1/2/' },
    { role: Role.ADMIN, areaId: 1, areaPath: '/1/' },
    { role: Role.ADMIN, areaId: 5, areaPath: '/1/5/' },
  ]);

  it('holds a role for the area and everything below it, not beside or above it', () => {
    expect(viewer.hasRoleOver([Role.STAFF], '/1/2/')).toBe(true);
    expect(viewer.hasRoleOver([Role.STAFF], '/1/2/9/')).toBe(true);
    expect(viewer.hasRoleOver([Role.STAFF], '/1/3/')).toBe(false);
    expect(viewer.hasRoleOver([Role.STAFF], '/1/')).toBe(false);
    expect(viewer.hasRoleOver([Role.RESIDENT], '/1/2/')).toBe(false);
  });

  it('reduces scopes to the outermost areas', () => {
    expect(viewer.scopesFor([Role.ADMIN])).toEqual(['/1/']);
    expect(viewer.scopesFor([Role.STAFF, Role.ADMIN])).toEqual(['/1/']);
    expect(viewer.scopesFor([Role.STAFF])).toEqual(['/1/2/']);
  });
});

describe('small rules', () => {
  it('masks phone numbers', () => {
    expect(maskPhone('13800000001')).toBe('138****0001');
    expect(maskPhone('123')).toBe('****');
  });

  it('masks names to their first character', () => {
    expect(maskName('赵桂兰')).toBe('赵**');
    expect(maskName(' 𠀋先生')).toBe('𠀋**');
    expect(maskName('Ann Lee')).toBe('A**');
  });

  it('throttles sign-in at the limits, slowing a phone down more with each failure', () => {
    const calm = {
      phoneFailures: 0,
      secondsSinceLastFailure: null,
      addressPhones: 0,
      addressHasPhone: false,
      secondsUntilAddressFrees: 0,
    };
    expect(signInWaitSeconds({ ...calm, phoneFailures: FREE_FAILURES_PER_PHONE - 1, secondsSinceLastFailure: 0 })).toBe(
      0,
    );
    expect(signInWaitSeconds({ ...calm, phoneFailures: FREE_FAILURES_PER_PHONE, secondsSinceLastFailure: 10 })).toBe(
      20,
    );
    expect(signInWaitSeconds({ ...calm, phoneFailures: FREE_FAILURES_PER_PHONE, secondsSinceLastFailure: 30 })).toBe(0);
    expect(phoneDelaySeconds(FREE_FAILURES_PER_PHONE + 1)).toBe(60);
    expect(phoneDelaySeconds(FREE_FAILURES_PER_PHONE + 100)).toBe(MAX_DELAY_SECONDS);
    const busyAddress = { ...calm, addressPhones: MAX_PHONES_PER_ADDRESS, secondsUntilAddressFrees: 120 };
    expect(signInWaitSeconds(busyAddress)).toBe(120);
    expect(signInWaitSeconds({ ...busyAddress, addressHasPhone: true })).toBe(0);
    expect(signInWaitSeconds({ ...busyAddress, addressPhones: MAX_PHONES_PER_ADDRESS - 1 })).toBe(0);
  });

  it('reads ids strictly', () => {
    expect(toId('42')).toBe(42);
    expect(toId('042')).toBeNull();
    expect(toId('1e3')).toBeNull();
    expect(toId('99999999999')).toBeNull();
    expect(toId(undefined)).toBeNull();
  });

  it('negotiates zh-CN or en, zh-CN by default', () => {
    expect(negotiateLocale(undefined)).toBe('zh-CN');
    expect(negotiateLocale('en-US,en;q=0.9')).toBe('en');
    expect(negotiateLocale('fr-FR, en;q=0.5, zh-TW;q=0.8')).toBe('zh-CN');
    expect(negotiateLocale('de')).toBe('zh-CN');
    expect(negotiateLocale('zh;q=0, en;q=0.1')).toBe('en');
  });

  it('fills message parameters, translating @keys', () => {
    useMessages(featureMessages);
    expect(translate('zh-CN', 'areaKindMisfit', { child: '@BUILDING', parent: '@STREET' })).toBe(
      '“楼栋”不能设在“街道”之下。',
    );
    expect(translate('en', 'tooLong', { max: 80 })).toBe('At most 80 characters.');
  });

  it('refuses a message key that two catalogues define', () => {
    expect(() => useMessages([...featureMessages, featureMessages[0]])).toThrow(
      'message key areaNameTaken is defined twice',
    );
    useMessages(featureMessages);
  });
});

describe('configuration', () => {
  it('has defaults that run the app locally', () => {
    const config = loadConfig({}, '/srv/gongzhi');
    expect(config).toMatchObject({
      port: 4000,
      databaseUrl: undefined,
      dataDir: '/srv/gongzhi/.data',
      seedDemo: true,
      cookieSecure: false,
    });
  });

  it('never seeds demo accounts in production and secures cookies there', () => {
    const config = loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'true', DATABASE_URL: 'postgres://u:p@db/gongzhi' });
    expect(config.seedDemo).toBe(false);
    expect(config.cookieSecure).toBe(true);
  });

  it('trusts exactly the configured proxy hops or addresses, never every hop', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.5,::1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '192.168.1.5',
      '::1',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(
      /^Invalid configuration: TRUST_PROXY must be .*\(got "true"\)$/,
    );
  });

  it.each([
    ['PORT', 'abc', 'PORT must be an integer from 0 to 65535 (got "abc")'],
    ['PORT', '70000', 'PORT must be an integer from 0 to 65535'],
    ['DATABASE_URL', 'mysql://x', 'DATABASE_URL must be a URL starting with postgres: or postgresql:'],
    ['SEED_DEMO', 'maybe', 'SEED_DEMO must be true or false'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL must be one of'],
    ['NODE_ENV', 'staging', 'NODE_ENV must be one of development, production, test'],
    ['TRUST_PROXY', 'true', 'TRUST_PROXY must be the number of proxies in front'],
    ['TRUST_PROXY', '11', 'TRUST_PROXY must be the number of proxies in front'],
    ['TRUST_PROXY', '10.0.0.0/33', 'TRUST_PROXY must be the number of proxies in front'],
    ['TRUST_PROXY', 'loopback', 'TRUST_PROXY must be the number of proxies in front'],
  ])('stops on a bad %s with one line naming it', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});
