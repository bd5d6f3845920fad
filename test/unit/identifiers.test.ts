import fc from 'fast-check';
import { isValidEnterpriseNumber, isValidNiss, normaliseEnterpriseNumber, normaliseNiss } from '../../domain/identifiers';
import { makeNiss } from '../helpers/fixtures';

describe('NISS (spec §2)', () => {
  it('accepts the check 97 − (9 digits mod 97) for people born before 2000', () => {
    // 850730033 mod 97 = 69 → check 28
    expect(isValidNiss('85073003328')).toBe(true);
    expect(isValidNiss('85073003329')).toBe(false);
  });

  it('accepts the check over "2" + 9 digits for people born from 2000 on', () => {
    // 2030115001 mod 97 = 61 → check 36 (the pre-2000 formula would give 07)
    expect(isValidNiss('03011500136')).toBe(true);
    expect(isValidNiss('03011500135')).toBe(false);
  });

  it('refuses anything but 11 digits', () => {
    for (const v of ['', '8507300332', '850730033288', '85.07.30-033.28', 'abcdefghijk']) expect(isValidNiss(v)).toBe(false);
    expect(normaliseNiss('85.07.30-033.28')).toBe('85073003328');
  });

  it('every generated NISS is valid and one wrong digit makes it invalid', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1930-01-01'), max: new Date('2024-12-31'), noInvalidDate: true }), fc.integer({ min: 1, max: 997 }), fc.integer({ min: 0, max: 10 }), (birth, serial, pos) => {
        const niss = makeNiss(birth.toISOString().slice(0, 10), serial);
        const digit = (Number(niss[pos]) + 1) % 10;
        return isValidNiss(niss) && !isValidNiss(niss.slice(0, pos) + digit + niss.slice(pos + 1));
      }),
    );
  });
});

describe('enterprise number (spec §2)', () => {
  it('checks 97 − (8 digits mod 97)', () => {
    expect(isValidEnterpriseNumber('0207123407')).toBe(true);
    expect(isValidEnterpriseNumber('0207123408')).toBe(false);
    expect(isValidEnterpriseNumber('207123407')).toBe(false);
    expect(normaliseEnterpriseNumber('BE 0207.123.407')).toBe('0207123407');
  });
});
