package io.deconflict.testkit.sse;

/**
 * One event of a server-sent event stream, as the stream's rules assemble it.
 *
 * @param id the last event id when the event was dispatched ({@code ""} if the stream has given
 *     none)
 * @param type the {@code event} field, or {@code message} if it had none
 * @param data the {@code data} lines, joined by {@code \n}
 * @param arrivedNanos {@link System#nanoTime()} when its first {@code data} line was read
 */
public record SseEvent(String id, String type, String data, long arrivedNanos) {}
