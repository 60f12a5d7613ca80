import { MessageType } from './generated';
import { PlayerError } from './oolong';
import type { Engine } from './oolong';
import type { Level } from './player';

/** @internal The players' listener lists: a listener that throws does not stop the others. */
export class Listeners {
  private readonly map = new Map<string, Set<(e: unknown) => void>>();

  on(name: string, listener: (event: unknown) => void): () => void {
    let set = this.map.get(name);
    if (!set) this.map.set(name, (set = new Set()));
    set.add(listener);
    return () => this.off(name, listener);
  }

  off(name: string, listener: (event: unknown) => void): void {
    this.map.get(name)?.delete(listener);
  }

  emit(name: string, event: unknown): void {
    for (const l of this.map.get(name) ?? []) {
      try {
        l(event);
      } catch (err) {
        setTimeout(() => { throw err; });
      }
    }
  }

  clear(): void {
    this.map.clear();
  }
}

/** @internal The error of a call on a destroyed player. */
export function destroyedError(): PlayerError {
  return new PlayerError('CRITICAL', 'PLAYER_DESTROYED', 'The player was destroyed');
}

/**
 * @internal A destroyed path player tells the engine to drop it (the engine belongs to the
 * `OolongPlayer` facade, which terminates it).
 */
export function releaseEngine(engine: Promise<Engine> | null, player: number): void {
  engine?.then((e) => e._post({ type: MessageType.PLAYER_DESTROY, player }), () => undefined);
}

/** @internal Whether a rejected `play()` was the browser's autoplay policy (no user gesture yet). */
export function isAutoplayRefusal(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: string }).name === 'NotAllowedError';
}

/** @internal Throws `PLAYER_INVALID_ARGUMENT` unless `index` is a level of `count`. */
export function checkLevel(index: number, count: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new PlayerError('CRITICAL', 'PLAYER_INVALID_ARGUMENT', `No level ${index} (there are ${count})`,
      { argument: 'currentLevel', reason: count ? `an index from 0 to ${count - 1}` : 'no levels' });
  }
}

/**
 * @internal A path player's view of the HLS variants: what the engine said (its `levels` and
 * `levelswitch` events) and the choices sent to it (`send(index)`, -1 for automatic).
 */
export class Levels {
  list: Level[] = [];
  private level = 0;
  auto = false;

  constructor(private readonly send: (index: number) => void) {}

  /** The engine's `levels` event. */
  known(e: Record<string, unknown>): void {
    this.list = Array.isArray(e.levels) ? e.levels as Level[] : [];
    this.level = typeof e.level === 'number' ? e.level : 0;
    this.auto = e.auto === true;
  }

  /** The engine's `levelswitch` event. */
  switched(level: number): void {
    this.level = level;
  }

  get current(): number {
    return this.list.length ? this.level : -1;
  }

  /** `currentLevel = index`: that level by hand (throws `PLAYER_INVALID_ARGUMENT` out of range). */
  select(index: number): void {
    checkLevel(index, this.list.length);
    this.auto = false;
    this.send(index);
  }

  /** `autoLevel = on`: the ABR chooses again, or the level playing is kept by hand. */
  setAuto(on: boolean): void {
    if (!this.list.length) return;
    this.auto = on && this.list.length > 1;
    this.send(on ? -1 : this.current);
  }
}
