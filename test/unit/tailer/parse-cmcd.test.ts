import { describe, it, expect } from 'vitest';
import { parseCmcd, parseCmcdFromQuery } from '../../../services/tailer/parse/index.ts';

describe('CTA-5004 CMCD parsing', () => {
  it('reads the spec example payload: numbers, quoted strings, tokens and valueless booleans', () => {
    const c = parseCmcd('bl=21300,br=3200,bs,cid="faec5fc2-ac30-11eabb37-0242ac130002",d=4004,dl=18500,mtp=48100,nor="..%2F300kbps%2Ftrack.m4v",nrr="12323-48763",ot=v,pr=1.08,rtp=12000,sf=d,sid="6e2fb550-c457-11e9-bb97-0800200c9a66",st=v,su,tb=6000,v=1');
    expect(c).toEqual({
      br: 3200, bl: 21300, bs: true, cid: 'faec5fc2-ac30-11eabb37-0242ac130002', d: 4004, dl: 18500, mtp: 48100,
      nor: '..%2F300kbps%2Ftrack.m4v', nrr: '12323-48763', ot: 'v', pr: 1.08, rtp: 12000, sf: 'd',
      sid: '6e2fb550-c457-11e9-bb97-0800200c9a66', st: 'v', su: true, tb: 6000, v: 1, other: {},
    });
  });

  it('keeps commas and escaped quotes inside quoted strings', () => {
    const c = parseCmcd('cid="a,b\\"c\\\\d",ot=a');
    expect(c?.cid).toBe('a,b"c\\d');
    expect(c?.ot).toBe('a');
  });

  it('keeps custom keys and values of the wrong type in other', () => {
    const c = parseCmcd('com.example-myNumericKey=500,com.example-flag,com.example-s="x,y",br=fast,ot=m');
    expect(c?.other).toEqual({ 'com.example-myNumericKey': '500', 'com.example-flag': 'true', 'com.example-s': 'x,y', br: 'fast' });
    expect(c?.br).toBeNull();
    expect(c?.ot).toBe('m');
  });

  it('accepts explicit booleans and tolerates blanks and empty members', () => {
    const c = parseCmcd(' bs=false , su=true,,d=10 ');
    expect(c?.bs).toBe(false);
    expect(c?.su).toBe(true);
    expect(c?.d).toBe(10);
  });

  it('returns null for an empty payload', () => {
    expect(parseCmcd('')).toBeNull();
    expect(parseCmcd(',,')).toBeNull();
  });

  it('finds and URL-decodes the CMCD query argument', () => {
    const q = 'foo=1&CMCD=bl%3D21300%2Cbr%3D3200%2Cbs%2Ccid%3D%22faec5fc2%22%2Cot%3Dv%2Csid%3D%226e2f%22%2Csu&x=2';
    const c = parseCmcdFromQuery(q);
    expect(c).toMatchObject({ bl: 21300, br: 3200, bs: true, cid: 'faec5fc2', ot: 'v', sid: '6e2f', su: true });
    expect(parseCmcdFromQuery('?a=1')).toBeNull();
  });
});
