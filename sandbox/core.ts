import type { CallbackDispatcher } from './callbacks';
import type { FaultRegistry } from './faults';
import type { Lifecycle } from './lifecycle';
import type { Scheduler } from './scheduler';
import type { SandboxState } from './state';

/** The parts every handler may use, built once by startSandbox. */
export interface SandboxCore {
  state: SandboxState;
  lifecycle: Lifecycle;
  callbacks: CallbackDispatcher;
  scheduler: Scheduler;
  faults: FaultRegistry;
}
