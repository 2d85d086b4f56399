package io.deconflict.tak;

import io.deconflict.tak.cot.CotEvent;
import io.deconflict.tak.cot.CotXml;
import io.deconflict.tak.cot.Element;
import io.deconflict.tak.cot.TakProtocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A small TAK client for tests, speaking to the listener as ATAK does to a TAK server over
 * streaming TCP: XML events back to back, the {@code <auth>} message, the TAK protocol negotiation
 * ({@code t-x-takp-q}, then {@code 0xBF}-framed protobuf both ways).
 */
final class TakClient implements AutoCloseable {

  final String uid;
  private final Socket socket;
  private final OutputStream out;
  private final BlockingQueue<CotEvent> received = new LinkedBlockingQueue<>();
  private final List<CotEvent> seen = new ArrayList<>();
  private final Thread reader;
  private volatile boolean protocol;
  private volatile boolean ended;

  TakClient(Socket socket, String uid) throws IOException {
    this.socket = socket;
    this.uid = uid;
    this.out = socket.getOutputStream();
    InputStream in = socket.getInputStream();
    this.reader = new Thread(() -> read(in), "tak-client-" + uid);
    reader.setDaemon(true);
    reader.start();
  }

  static TakClient connect(int port, String uid) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    return new TakClient(s, uid);
  }

  private void read(InputStream raw) {
    java.io.PushbackInputStream in = new java.io.PushbackInputStream(raw, 1 << 20);
    try {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      byte[] chunk = new byte[65536];
      byte[] endTag = "</event>".getBytes(StandardCharsets.US_ASCII);
      while (true) {
        if (protocol && buf.size() > 0) {
          in.unread(buf.toByteArray()); // read in XML mode just before the switch
          buf.reset();
        }
        if (protocol) {
          int magic = in.read();
          if (magic < 0) {
            break;
          }
          if (magic != TakProtocol.MAGIC) {
            throw new IOException("expected 0xBF, got " + magic);
          }
          int len = 0;
          int shift = 0;
          int b;
          do {
            b = in.read();
            if (b < 0) {
              throw new IOException("truncated");
            }
            len |= (b & 0x7F) << shift;
            shift += 7;
          } while ((b & 0x80) != 0);
          byte[] msg = in.readNBytes(len);
          CotEvent e = TakProtocol.decode(msg).event();
          if (e != null) {
            received.add(e);
          }
          continue;
        }
        int n = in.read(chunk);
        if (n < 0) {
          break;
        }
        buf.write(chunk, 0, n);
        byte[] bytes = buf.toByteArray();
        int from = 0;
        int end;
        while ((end = indexOf(bytes, endTag, from)) >= 0) {
          byte[] doc = java.util.Arrays.copyOfRange(bytes, from, end + endTag.length);
          from = end + endTag.length;
          CotEvent e = CotEvent.of(CotXml.parse(doc));
          if (e.type().equals("t-x-takp-r")
              && text(e).isEmpty()
              && e.detail().toXml().contains("status=\"true\"")) {
            // what follows is TAK protocol; switch before anyone waiting for the answer sends
            protocol = true;
            received.add(e);
            break;
          }
          received.add(e);
        }
        buf.reset();
        if (protocol) {
          in.unread(bytes, from, bytes.length - from);
        } else {
          buf.write(bytes, from, bytes.length - from);
        }
      }
    } catch (IOException | RuntimeException e) {
      // the connection ended
    } finally {
      ended = true;
    }
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from; i <= hay.length - needle.length; i++) {
      for (int k = 0; k < needle.length; k++) {
        if (hay[i + k] != needle[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Whether the server closed the connection (or it failed). */
  boolean ended() {
    return ended;
  }

  void auth(String member) throws IOException {
    sendRaw(
        "<auth><cot username=\""
            + member
            + "\" password=\"token-"
            + member
            + "\" uid=\""
            + uid
            + "\"/></auth>");
    await(e -> isReply(e) && text(e).startsWith("signed in"), Duration.ofSeconds(5));
  }

  /** Asks for TAK protocol version 1 and waits for the server to agree. */
  void negotiate() throws IOException {
    Instant now = Instant.now();
    Element detail = new Element("detail");
    detail.add("TakControl").add("TakRequest").attr("version", "1");
    send(
        new CotEvent(
            uid, "t-x-takp-q", "m-g", now, now, now.plusSeconds(60), 0, 0, 0, 0, 0, detail));
    CotEvent r = await(e -> e.type().equals("t-x-takp-r"), Duration.ofSeconds(5));
    if (!r.detail()
        .child("TakControl")
        .flatMap(c -> c.child("TakResponse"))
        .flatMap(x -> x.attr("status"))
        .orElse("")
        .equals("true")) {
      throw new IOException("the server refused TAK protocol 1");
    }
  }

  /** Speaks (and expects) TAK protocol from now on, without negotiating. */
  void switchToProtocol() {
    protocol = true;
  }

  boolean protocol() {
    return protocol;
  }

  synchronized void send(CotEvent e) throws IOException {
    if (protocol) {
      out.write(TakProtocol.frame(TakProtocol.encode(e)));
    } else {
      out.write(e.toXmlBytes());
    }
    out.flush();
  }

  synchronized void sendRaw(String s) throws IOException {
    sendRaw(s.getBytes(StandardCharsets.UTF_8));
  }

  synchronized void sendRaw(byte[] b) throws IOException {
    out.write(b);
    out.flush();
  }

  /** An atom: this client's own unit (uid = the client's uid unless given). */
  static CotEvent atom(
      String uid, String type, double lat, double lon, double course, double speed, Instant time) {
    Element detail = new Element("detail");
    detail.add("contact").attr("callsign", "CS-" + uid).attr("endpoint", "*:-1:stcp");
    detail.add("__group").attr("name", "Cyan").attr("role", "Team Member");
    detail
        .add("track")
        .attr("course", Double.toString(course))
        .attr("speed", Double.toString(speed));
    detail.add("x_custom").attr("keep", "me").add("nested").text("unknown content");
    return new CotEvent(
        uid, type, "m-g", time, time, time.plusSeconds(120), lat, lon, 200, 5, 10, detail);
  }

  /** A GeoChat message to a room. */
  CotEvent chat(String room, String text) {
    Instant now = Instant.now();
    Element detail = new Element("detail");
    Element chat =
        detail
            .add("__chat")
            .attr("chatroom", room)
            .attr("id", room)
            .attr("senderCallsign", "CS-" + uid);
    chat.add("chatgrp").attr("uid0", uid).attr("uid1", room).attr("id", room);
    detail.add("link").attr("uid", uid).attr("type", "a-f-G-U-C").attr("relation", "p-p");
    detail
        .add("remarks")
        .attr("source", "BAO.F.ATAK." + uid)
        .attr("to", room)
        .attr("time", now.toString())
        .text(text);
    return new CotEvent(
        "GeoChat." + uid + "." + room + "." + now.toEpochMilli(),
        "b-t-f",
        "h-g-i-g-o",
        now,
        now,
        now.plusSeconds(86400),
        0,
        0,
        0,
        0,
        0,
        detail);
  }

  static boolean isReply(CotEvent e) {
    return e.type().equals("b-t-f")
        && e.detail().child("__deconflict").flatMap(x -> x.attr("reply")).isPresent();
  }

  static boolean isError(CotEvent e) {
    return isReply(e)
        && e.detail()
            .child("__deconflict")
            .flatMap(x -> x.attr("reply"))
            .orElse("")
            .equals("error");
  }

  static String text(CotEvent e) {
    return e.detail().child("remarks").map(Element::text).orElse("");
  }

  /** The first event received (now or within the timeout) that matches; fails otherwise. */
  CotEvent await(Predicate<CotEvent> p, Duration timeout) {
    Optional<CotEvent> e = poll(p, timeout);
    if (e.isEmpty()) {
      throw new AssertionError(
          uid + " did not receive the expected event; it received " + describe());
    }
    return e.get();
  }

  Optional<CotEvent> poll(Predicate<CotEvent> p, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (seen) {
      for (CotEvent e : seen) {
        if (p.test(e)) {
          return Optional.of(e);
        }
      }
    }
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return Optional.empty();
      }
      CotEvent e;
      try {
        e = received.poll(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
      if (e == null) {
        return Optional.empty();
      }
      synchronized (seen) {
        seen.add(e);
      }
      if (p.test(e)) {
        return Optional.of(e);
      }
    }
  }

  /** Everything received so far (drains the queue). */
  List<CotEvent> all() {
    synchronized (seen) {
      received.drainTo(seen);
      return new ArrayList<>(seen);
    }
  }

  private String describe() {
    StringBuilder b = new StringBuilder();
    for (CotEvent e : all()) {
      b.append("\n  ").append(e.type()).append(' ').append(e.uid());
      if (e.type().equals("b-t-f")) {
        b.append(": ").append(text(e));
      }
    }
    return b.toString();
  }

  @Nullable Socket socket() {
    return socket;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
