/**
 * Lets a polling loop sleep until its next poll or until someone has news for it. A wake-up that
 * arrives while the loop is busy is remembered, so the loop looks again at once instead of
 * sleeping through it.
 */
export class WakeSignal {
  #pending = false;
  #wake: (() => void) | null = null;

  wake(): void {
    if (this.#wake) this.#wake();
    else this.#pending = true;
  }

  /** Resolves after `ms`, or earlier on `wake()`. */
  sleep(ms: number): Promise<void> {
    if (this.#pending) {
      this.#pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wake = done;
    });
  }
}
