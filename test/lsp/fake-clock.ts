// Preloaded into a server process by tests (`node --require`), as libfaketime would be: moves the
// process's clock to TLSLINT_TEST_NOW (an ISO date) and lets it run on from there, so behaviour that
// depends on today's date (the advisory table's age) is tested in the real server. Test code only.
const target = Date.parse(process.env.TLSLINT_TEST_NOW ?? '');
if (Number.isNaN(target))
  throw new Error(`fake-clock: TLSLINT_TEST_NOW is not a date: ${process.env.TLSLINT_TEST_NOW}`);
const RealDate = Date;
const offset = target - RealDate.now();

class FakeDate extends RealDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(RealDate.now() + offset);
    else super(...(args as [number]));
  }
  static override now(): number {
    return RealDate.now() + offset;
  }
}
globalThis.Date = FakeDate as DateConstructor;
