package io.deconflict.testkit.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client against a real HTTP server on a random local port (the JDK's own). */
@Timeout(30)
class SseClientTest {

  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private final HttpServer server;
  private final List<String> lastEventIds = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  SseClientTest() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(handlers);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    handlers.shutdownNow();
  }

  private URI serve(String path, Handler handler) {
    AtomicInteger connection = new AtomicInteger();
    server.createContext(
        path,
        exchange -> {
          lastEventIds.add(String.valueOf(exchange.getRequestHeaders().getFirst("Last-Event-ID")));
          authorizations.add(
              String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
          try (exchange) {
            handler.handle(exchange, connection.getAndIncrement());
          }
        });
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private interface Handler {
    void handle(HttpExchange exchange, int connection) throws IOException;
  }

  private static OutputStream stream(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream;charset=utf-8");
    exchange.sendResponseHeaders(200, 0);
    return exchange.getResponseBody();
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Writes a comment every 20 ms until a write fails (the client has gone) or 30 s pass. */
  private static void heartbeatsUntilTheClientLeaves(OutputStream out) {
    try {
      for (int i = 0; i < 1_500; i++) {
        Thread.sleep(20);
        write(out, ": heartbeat\n\n");
      }
    } catch (IOException gone) {
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void readsNameIdAndDataAsTheStandardAssemblesThem() throws Exception {
    URI uri =
        serve(
            "/events",
            (exchange, connection) -> {
              OutputStream out = stream(exchange);
              write(out, "retry: 2000\n: connected, events after 0\n\n");
              write(out, "id: 1\nevent: alert.raised\ndata: {\"seq\":1}\n\n");
              // no event name: "message"; two data lines joined by LF; CRLF line ends; no space
              write(out, "id:2\r\ndata: first\r\ndata:second\r\n\r\n");
              // an id alone moves the last id but dispatches nothing; unknown fields are ignored
              write(out, "id: 3\nfoo: bar\n\n");
              write(out, "event: hotline.message\ndata: é\n\n");
            });
    BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
    List<String> comments = new CopyOnWriteArrayList<>();
    try (SseClient client =
        SseClient.to(uri)
            .bearer("token-us-officer")
            .reconnect(false)
            .onEvent(events::add)
            .onComment(comments::add)
            .open()) {
      SseEvent first = events.poll(10, TimeUnit.SECONDS);
      SseEvent second = events.poll(10, TimeUnit.SECONDS);
      SseEvent third = events.poll(10, TimeUnit.SECONDS);
      assertThat(first).isNotNull();
      assertThat(first.id()).isEqualTo("1");
      assertThat(first.type()).isEqualTo("alert.raised");
      assertThat(first.data()).isEqualTo("{\"seq\":1}");
      assertThat(first.arrivedNanos()).isLessThanOrEqualTo(System.nanoTime());
      assertThat(second)
          .isEqualTo(new SseEvent("2", "message", "first\nsecond", second.arrivedNanos()));
      assertThat(third).isEqualTo(new SseEvent("3", "hotline.message", "é", third.arrivedNanos()));
      assertThat(comments).containsExactly("connected, events after 0");
      assertThat(client.events()).isEqualTo(3);
      assertThat(client.lastEventId()).contains("3");
      assertThat(authorizations).containsExactly("Bearer token-us-officer");
      assertThat(lastEventIds).containsExactly("null");
    }
  }

  @Test
  void reopensFromTheLastIdAfterTheDelayTheServerAsked() throws Exception {
    URI uri =
        serve(
            "/events",
            (exchange, connection) -> {
              OutputStream out = stream(exchange);
              if (connection == 0) {
                write(out, "retry: 10\n\nid: 1\ndata: one\n\nid: 2\ndata: two\n\n");
                write(out, "id: 3\ndata: never finished"); // the server ends mid-event
              } else {
                write(out, "id: 3\ndata: three\n\n");
                heartbeatsUntilTheClientLeaves(out);
              }
            });
    BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
    long start = System.nanoTime();
    try (SseClient client = SseClient.to(uri).onEvent(events::add).open()) {
      for (String data : List.of("one", "two", "three")) {
        SseEvent e = events.poll(10, TimeUnit.SECONDS);
        assertThat(e).isNotNull();
        assertThat(e.data()).isEqualTo(data);
      }
      // the server's retry: 10 ms, not the default 3 s
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SseClient.DEFAULT_RETRY);
      assertThat(client.reconnects()).isEqualTo(1);
      assertThat(lastEventIds).containsExactly("null", "2");
      assertThat(events).isEmpty();
    }
  }

  @Test
  void resumesAfterAGivenIdOnTheFirstConnection() throws Exception {
    URI uri =
        serve(
            "/events",
            (exchange, connection) -> {
              OutputStream out = stream(exchange);
              write(out, "id: 42\ndata: x\n\n");
            });
    CountDownLatch got = new CountDownLatch(1);
    try (SseClient client =
        SseClient.to(uri).lastEventId("41").reconnect(false).onEvent(e -> got.countDown()).open()) {
      assertThat(got.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(lastEventIds).containsExactly("41");
    }
  }

  @Test
  void aRefusedStreamDoesNotOpen() {
    URI uri =
        serve(
            "/events",
            (exchange, connection) -> {
              byte[] body = "{\"title\":\"unauthorized\"}".getBytes(StandardCharsets.UTF_8);
              exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
              exchange.sendResponseHeaders(401, body.length);
              exchange.getResponseBody().write(body);
            });
    assertThatThrownBy(() -> SseClient.to(uri).name("us").open())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("us's event stream did not open")
        .hasMessageContaining("401")
        .hasMessageContaining("unauthorized");
  }

  @Test
  void closeEndsTheReadingAndTheConnectionAtOnce() throws Exception {
    CountDownLatch serverSawTheEnd = new CountDownLatch(1);
    URI uri =
        serve(
            "/events",
            (exchange, connection) -> {
              OutputStream out = stream(exchange);
              write(out, "data: hello\n\n");
              heartbeatsUntilTheClientLeaves(out);
              serverSawTheEnd.countDown();
            });
    CountDownLatch hello = new CountDownLatch(1);
    SseClient client = SseClient.to(uri).name("closing").onEvent(e -> hello.countDown()).open();
    assertThat(hello.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(client.isOpen()).isTrue();
    long start = System.nanoTime();
    client.close();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(client.isOpen()).isFalse();
    assertThat(serverSawTheEnd.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(client.reconnects()).isZero();
  }
}
