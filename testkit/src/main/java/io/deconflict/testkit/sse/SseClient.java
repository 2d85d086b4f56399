package io.deconflict.testkit.sse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A client of a server-sent event stream ({@code text/event-stream}, the HTML Living Standard's
 * "Server-sent events" section) over {@link java.net.http}: it reads on a thread of its own ({@code
 * sse-<name>}), hands every event and comment to the callbacks in stream order, and, when the
 * server ends the stream or the connection fails, reopens it with {@code Last-Event-ID} set to the
 * last id seen, after the delay the server asked for ({@code retry:}) or a fixed one.
 *
 * <p>As the standard's {@code EventSource} does, it gives up (and says so through {@code onError})
 * when the server answers anything but 200 with an event-stream content type; {@link #open} throws
 * if the first connection fails. {@link #close} ends the reading and the connection at once.
 *
 * <p>Thread-safe: the callbacks run on the reading thread, one at a time, and must be quick (a slow
 * callback holds up the stream); the counters may be read from any thread.
 */
public final class SseClient implements AutoCloseable {

  /** The reconnection delay until the server says otherwise, as the standard suggests. */
  public static final Duration DEFAULT_RETRY = Duration.ofSeconds(3);

  private final URI uri;
  private final HttpClient http;
  private final Map<String, String> headers;
  private final String name;
  private final Consumer<SseEvent> onEvent;
  private final Consumer<String> onComment;
  private final Consumer<Exception> onError;
  private final boolean reconnect;
  private final @Nullable Duration fixedDelay;
  private final Thread reader;
  private final CountDownLatch opened = new CountDownLatch(1);
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong chars = new AtomicLong();
  private final AtomicInteger reconnects = new AtomicInteger();
  private volatile boolean closed;
  private volatile boolean connectedOnce;
  private volatile @Nullable Exception failure;
  private volatile @Nullable InputStream body;
  private volatile String lastEventId;
  private volatile long retryMillis;

  // the event being assembled, touched by the reading thread only
  private String idBuffer;
  private String type = "";
  private @Nullable StringBuilder data;
  private long dataNanos;

  private SseClient(Builder b) {
    this.uri = b.uri;
    this.http =
        b.http != null
            ? b.http
            : HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    this.headers = Map.copyOf(b.headers);
    this.name = b.name;
    this.onEvent = b.onEvent;
    this.onComment = b.onComment;
    this.onError = b.onError;
    this.reconnect = b.reconnect;
    this.fixedDelay = b.reconnectDelay;
    this.lastEventId = b.lastEventId;
    this.idBuffer = b.lastEventId;
    this.retryMillis = DEFAULT_RETRY.toMillis();
    this.reader = new Thread(this::readUntilClosed, "sse-" + name);
    reader.setDaemon(true);
  }

  /**
   * A client of the stream at {@code uri}, to be set up and then {@linkplain Builder#open opened}.
   */
  public static Builder to(URI uri) {
    return new Builder(uri);
  }

  /** Events dispatched so far, over every connection. */
  public long events() {
    return events.get();
  }

  /** Characters read so far (each line's, plus one for its end), over every connection. */
  public long charsRead() {
    return chars.get();
  }

  /** Times the stream was reopened after it ended or failed. */
  public int reconnects() {
    return reconnects.get();
  }

  /** The last event id the stream gave, if it gave one. */
  public Optional<String> lastEventId() {
    String id = lastEventId;
    return id.isEmpty() ? Optional.empty() : Optional.of(id);
  }

  /** Whether the client still reads or will reopen the stream. */
  public boolean isOpen() {
    return !closed && reader.isAlive();
  }

  /** Stops reading, closes the connection and waits up to 5 s for the reading thread to end. */
  @Override
  public void close() {
    closed = true;
    InputStream in = body;
    if (in != null) {
      try {
        in.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    reader.interrupt();
    if (Thread.currentThread() != reader) {
      try {
        reader.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void start(Duration timeout) throws InterruptedException {
    reader.start();
    if (!opened.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      close();
      throw new IllegalStateException(
          name + "'s event stream did not open within " + timeout + ": " + uri);
    }
    Exception e = failure;
    if (e != null) {
      close();
      throw new IllegalStateException(name + "'s event stream did not open: " + e.getMessage(), e);
    }
  }

  private void readUntilClosed() {
    try {
      while (!closed) {
        if (!connectOnce()) {
          return;
        }
        if (closed || !reconnect) {
          return;
        }
        reconnects.incrementAndGet();
        Duration delay = fixedDelay != null ? fixedDelay : Duration.ofMillis(retryMillis);
        if (!delay.isZero()) {
          Thread.sleep(delay.toMillis());
        }
      }
    } catch (InterruptedException e) {
      // closed
    } finally {
      opened.countDown();
    }
  }

  /** Reads one connection to its end; returns whether to go on (reopen). */
  private boolean connectOnce() throws InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
    headers.forEach(b::header);
    if (!lastEventId.isEmpty()) {
      b.header("Last-Event-ID", lastEventId);
    }
    try {
      HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = r.body()) {
        String contentType = r.headers().firstValue("Content-Type").orElse("");
        if (r.statusCode() != 200 || !contentType.startsWith("text/event-stream")) {
          String text = new String(in.readNBytes(2_000), StandardCharsets.UTF_8);
          fail(
              new IllegalStateException(
                  uri + " answered " + r.statusCode() + " " + contentType + ": " + text));
          return false;
        }
        body = in;
        connectedOnce = true;
        opened.countDown();
        if (closed) {
          return false;
        }
        read(in);
      } finally {
        body = null;
      }
    } catch (IOException | UncheckedIOException e) {
      if (closed) {
        return false;
      }
      if (!connectedOnce) {
        fail(e);
        return false;
      }
      report(e);
    }
    return true;
  }

  private void fail(Exception e) {
    failure = e;
    closed = true;
    if (connectedOnce) {
      report(e);
    }
    opened.countDown();
  }

  private void report(Exception e) {
    try {
      onError.accept(e);
    } catch (RuntimeException ignored) {
      // an error handler's error has nowhere to go
    }
  }

  /** Splits the body into lines at CR, LF or CRLF, as UTF-8. */
  private void read(InputStream in) throws IOException {
    idBuffer = lastEventId;
    type = "";
    data = null;
    byte[] buffer = new byte[8_192];
    byte[] line = new byte[256];
    int length = 0;
    boolean afterCr = false;
    int n;
    while ((n = in.read(buffer)) >= 0) {
      for (int i = 0; i < n; i++) {
        byte c = buffer[i];
        if (c == '\n' && afterCr) {
          afterCr = false;
          continue;
        }
        afterCr = c == '\r';
        if (c == '\n' || c == '\r') {
          line(new String(line, 0, length, StandardCharsets.UTF_8));
          length = 0;
        } else {
          if (length == line.length) {
            line = Arrays.copyOf(line, 2 * length);
          }
          line[length++] = c;
        }
      }
      if (closed) {
        return;
      }
    }
  }

  private void line(String line) {
    chars.addAndGet(line.length() + 1L);
    if (line.isEmpty()) {
      dispatch();
      return;
    }
    if (line.charAt(0) == ':') {
      try {
        onComment.accept(value(line, 0));
      } catch (RuntimeException e) {
        report(e);
      }
      return;
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : value(line, colon);
    switch (field) {
      case "event" -> type = value;
      case "data" -> {
        StringBuilder d = data;
        if (d == null) {
          dataNanos = System.nanoTime();
          data = new StringBuilder(value);
        } else {
          d.append('\n').append(value);
        }
      }
      case "id" -> {
        if (value.indexOf('\0') < 0) {
          idBuffer = value;
        }
      }
      case "retry" -> {
        if (!value.isEmpty() && value.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
          try {
            retryMillis = Long.parseLong(value);
          } catch (NumberFormatException tooLong) {
            // ignored, as the standard ignores a value that is not a number
          }
        }
      }
      default -> {
        // an unknown field is ignored
      }
    }
  }

  /** The value after the colon at {@code colon}, without one leading space. */
  private static String value(String line, int colon) {
    int from = colon + 1;
    if (from < line.length() && line.charAt(from) == ' ') {
      from++;
    }
    return line.substring(from);
  }

  private void dispatch() {
    lastEventId = idBuffer;
    StringBuilder d = data;
    String t = type;
    data = null;
    type = "";
    if (d == null) {
      return;
    }
    events.incrementAndGet();
    try {
      onEvent.accept(new SseEvent(idBuffer, t.isEmpty() ? "message" : t, d.toString(), dataNanos));
    } catch (RuntimeException e) {
      report(e);
    }
  }

  /** How to reach and read a stream. Not thread-safe. */
  public static final class Builder {
    private final URI uri;
    private @Nullable HttpClient http;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String name = "stream";
    private Consumer<SseEvent> onEvent = e -> {};
    private Consumer<String> onComment = c -> {};
    private Consumer<Exception> onError = e -> {};
    private boolean reconnect = true;
    private @Nullable Duration reconnectDelay;
    private String lastEventId = "";
    private Duration openTimeout = Duration.ofSeconds(30);

    private Builder(URI uri) {
      this.uri = uri;
    }

    /** The HTTP client to use (default: a new HTTP/1.1 client of its own). */
    public Builder http(HttpClient client) {
      this.http = client;
      return this;
    }

    /** A request header sent on every connection. */
    public Builder header(String header, String value) {
      headers.put(header, value);
      return this;
    }

    /** {@code Authorization: Bearer <token>} on every connection. */
    public Builder bearer(String token) {
      return header("Authorization", "Bearer " + token);
    }

    /** Names the stream in the reading thread's name ({@code sse-<name>}) and in messages. */
    public Builder name(String streamName) {
      this.name = streamName;
      return this;
    }

    /** Called with every event, in stream order. */
    public Builder onEvent(Consumer<SseEvent> callback) {
      this.onEvent = callback;
      return this;
    }

    /** Called with every comment line's text (after the colon and one space). */
    public Builder onComment(Consumer<String> callback) {
      this.onComment = callback;
      return this;
    }

    /** Called when a connection fails or ends in error, and with a callback's exception. */
    public Builder onError(Consumer<Exception> callback) {
      this.onError = callback;
      return this;
    }

    /** Whether to reopen the stream when it ends or fails (default: yes). */
    public Builder reconnect(boolean reopen) {
      this.reconnect = reopen;
      return this;
    }

    /**
     * A fixed delay before reopening, whatever the server's {@code retry:} says (default: the
     * server's, {@link #DEFAULT_RETRY} until it says one).
     */
    public Builder reconnectDelay(Duration delay) {
      if (delay.isNegative()) {
        throw new IllegalArgumentException("a reconnection delay is zero or more, got " + delay);
      }
      this.reconnectDelay = delay;
      return this;
    }

    /** Resumes after this event id: sent as {@code Last-Event-ID} on the first connection. */
    public Builder lastEventId(String id) {
      this.lastEventId = id;
      return this;
    }

    /** How long {@link #open} waits for the server's answer (default 30 s). */
    public Builder openTimeout(Duration timeout) {
      this.openTimeout = timeout;
      return this;
    }

    /**
     * Connects, and returns once the server has answered 200 with an event stream; events then
     * arrive on the callbacks.
     *
     * @throws IllegalStateException if the server refuses or does not answer within the timeout
     */
    public SseClient open() throws InterruptedException {
      SseClient client = new SseClient(this);
      client.start(openTimeout);
      return client;
    }
  }
}
