// Deterministic fault injection: rules that fire on the n-th (or every n-th) data request of one provider,
// and the seeded `failRate`. This module only decides which fault a request gets; the server carries out the
// transport faults and each protocol module carries out its own protocol faults.
import { Prng } from './prng.js';

export type SandboxProvider = 'wecom' | 'tencent' | 'polyv' | 'livecount';

export type FaultKind =
  | 'http500'
  | 'http502'
  | 'http503'
  | 'reset'
  | 'truncate'
  | 'abortBody'
  | 'hang'
  | 'busy'
  | 'missingField'
  | 'extraFields'
  | 'expireToken'
  | 'repeatNextKey'
  | 'invalidTimestamp'
  | 'qps'
  | 'totalPagesChange';

export interface FaultRule {
  provider: SandboxProvider;
  kind: FaultKind;
  /** 1-based number(s) of that provider's data requests (gettoken does not count). */
  onRequest?: number | readonly number[];
  /** Every n-th data request of that provider: n, 2n, 3n, … */
  every?: number;
}

const ALL: readonly SandboxProvider[] = ['wecom', 'tencent', 'polyv', 'livecount'];

/** Which providers each kind means something for; anything else is refused when the sandbox starts. */
export const FAULT_PROVIDERS: Record<FaultKind, readonly SandboxProvider[]> = {
  http500: ALL,
  http502: ALL,
  http503: ALL,
  reset: ALL,
  truncate: ALL,
  abortBody: ALL,
  hang: ALL,
  busy: ALL,
  missingField: ALL,
  extraFields: ALL,
  expireToken: ['wecom', 'tencent'],
  repeatNextKey: ['wecom'],
  invalidTimestamp: ['polyv'],
  qps: ['wecom', 'tencent', 'polyv'],
  totalPagesChange: ['polyv'],
};

/** Faults the server carries out itself, whatever the provider. */
const TRANSPORT_FAULTS = ['http500', 'http502', 'http503', 'reset', 'truncate', 'abortBody', 'hang'] as const;
export type TransportFault = (typeof TRANSPORT_FAULTS)[number];
/** Faults the protocol modules carry out, in each provider's own terms. */
export type ProtocolFault = Exclude<FaultKind, TransportFault>;

export function isTransportFault(kind: FaultKind | undefined): kind is TransportFault {
  return (TRANSPORT_FAULTS as readonly string[]).includes(kind as string);
}

export function checkFaultRules(rules: readonly FaultRule[]): void {
  for (const rule of rules) {
    const providers = FAULT_PROVIDERS[rule.kind] as readonly SandboxProvider[] | undefined;
    if (!providers) throw new RangeError(`unknown sandbox fault kind ${JSON.stringify(rule.kind)}`);
    if (!providers.includes(rule.provider)) {
      throw new RangeError(`sandbox fault ${rule.kind} does not apply to ${rule.provider} (only ${providers.join(', ')})`);
    }
    const numbers = rule.onRequest === undefined ? [] : typeof rule.onRequest === 'number' ? [rule.onRequest] : rule.onRequest;
    if ((rule.onRequest === undefined) === (rule.every === undefined)) {
      throw new RangeError(`sandbox fault ${rule.kind}: give exactly one of onRequest and every`);
    }
    for (const n of [...numbers, ...(rule.every === undefined ? [] : [rule.every])]) {
      if (!Number.isInteger(n) || n < 1) throw new RangeError(`sandbox fault ${rule.kind}: request numbers start at 1, got ${n}`);
    }
  }
}

export class FaultPlan {
  private readonly counts: Record<SandboxProvider, number> = { wecom: 0, tencent: 0, polyv: 0, livecount: 0 };
  private readonly dice: Prng;

  constructor(
    private readonly rules: readonly FaultRule[],
    private readonly failRate: number,
    seed: number,
  ) {
    this.dice = new Prng(seed);
  }

  /** Counts one data request of `provider` and returns the fault it gets, if any; the first matching rule wins. */
  next(provider: SandboxProvider): FaultKind | undefined {
    const n = ++this.counts[provider];
    for (const rule of this.rules) {
      if (rule.provider !== provider) continue;
      if (rule.every !== undefined && n % rule.every === 0) return rule.kind;
      const on = rule.onRequest;
      if (on !== undefined && (typeof on === 'number' ? on === n : on.includes(n))) return rule.kind;
    }
    // The dice are rolled on every data request, so one seed always gives the same failing request numbers.
    const roll = this.dice.next();
    const coin = this.dice.nextUint32() & 1;
    if (roll < this.failRate) return coin === 0 ? 'http503' : 'busy';
    return undefined;
  }
}
