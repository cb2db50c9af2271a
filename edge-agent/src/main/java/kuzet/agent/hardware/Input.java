package kuzet.agent.hardware;

import java.util.function.Consumer;

/** One contact input. Active means pressed / open / tampered / motion / power present, per the input's role. */
public interface Input {
  boolean isActive();

  /** Called on every raw edge, bounces included; debouncing is the caller's business. */
  void onChange(Consumer<Boolean> listener);
}
