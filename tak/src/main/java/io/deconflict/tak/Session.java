package io.deconflict.tak;

import io.deconflict.service.access.Gate;
import io.deconflict.service.access.SignIn;
import io.deconflict.service.limit.LimitExceeded;
import io.deconflict.service.limit.MemberLimits;
import io.deconflict.service.party.Member;
import io.deconflict.tak.cot.CotEvent;
import io.deconflict.tak.cot.CotException;
import io.deconflict.tak.cot.CotXml;
import io.deconflict.tak.cot.Element;
import io.deconflict.tak.cot.TakProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.SocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: who it signed in as (a client certificate on TLS, an {@code <auth>}
 * message with a member's token on plain TCP), which wire format it speaks, and the order of its
 * commands. Frames are parsed on the connection's event loop; commands run on the listener's
 * command threads, one at a time per connection (positions are batched per member instead).
 *
 * <p>Thread-safe: written by its event loop, read by the hub and the command threads.
 */
final class Session extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(Session.class);

  /** The most commands (other than positions) queued per connection before it stops being read. */
  private static final int MAX_INBOX = 1000;

  private final TakListener listener;
  private final Framer framer;
  private final boolean tls;
  private final ConcurrentLinkedQueue<CotEvent> inbox = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicInteger inboxSize = new AtomicInteger();
  private final AtomicBoolean dropped = new AtomicBoolean();
  private final ConcurrentLinkedQueue<Outgoing> outbox = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean writing = new AtomicBoolean();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final Object posts = new Object();

  /** Hotline messages this client posted whose command returned before the hub saw them. */
  private final Set<String> postedMessages = new HashSet<>();

  /** The message ({@code thread \n text}) this client is posting now, if any. */
  private @Nullable String inFlight;

  private volatile @Nullable Channel channel;
  private volatile @Nullable Member member;

  /** The token sign-in in force, if the client signed in with a token. */
  private volatile Gate.@Nullable Connection signedIn;

  private volatile MemberLimits.@Nullable Lease lease;
  private volatile boolean protocol;
  private volatile String contactUid = "";

  Session(TakListener listener, Framer framer, boolean tls) {
    this.listener = listener;
    this.framer = framer;
    this.tls = tls;
  }

  /** The client started with TAK protocol frames: answer in kind. On the event loop. */
  void protocolDetected() {
    protocol = true;
  }

  /** Whether it speaks TAK protocol version 1 (else XML). */
  boolean protocol() {
    return protocol;
  }

  /** The member it signed in as, if it did. */
  Optional<Member> member() {
    return Optional.ofNullable(member);
  }

  /** The uid of the client's own contact (its device), once known; else empty. */
  String contactUid() {
    return contactUid;
  }

  /** Stops reading from the client (its commands are queued too deep); TCP slows it down. */
  void pauseReading() {
    Channel ch = channel;
    if (ch != null) {
      ch.config().setAutoRead(false);
    }
  }

  /** Reads from the client again. */
  void resumeReading() {
    Channel ch = channel;
    if (ch != null) {
      ch.config().setAutoRead(true);
    }
  }

  /**
   * Marks a hotline message as being posted by this client, before its command runs: the hub may
   * fan the message out before the command returns its id, and must not echo it back here. Commands
   * of one connection run one at a time, so at most one is in flight.
   */
  void posting(String thread, String text) {
    synchronized (posts) {
      inFlight = thread + "\n" + text;
    }
  }

  /**
   * The post's command returned: with the message's id if it was stored, else empty. If the hub has
   * not seen the message yet, its id is remembered so that it is recognised when it comes.
   */
  void posted(String messageId) {
    synchronized (posts) {
      if (inFlight != null && !messageId.isEmpty()) {
        postedMessages.add(messageId);
      }
      inFlight = null;
    }
  }

  /**
   * Whether a hotline message the hub is fanning out is one this client posted (then it is not
   * echoed back); recognised once, by its id once the command returned, or by its sender, thread
   * and text while the command is in flight.
   */
  boolean ownMessage(String messageId, String from, String thread, String text) {
    synchronized (posts) {
      if (postedMessages.remove(messageId)) {
        return true;
      }
      Member m = member;
      if (inFlight != null
          && m != null
          && m.id().equals(from)
          && inFlight.equals(thread + "\n" + text)) {
        inFlight = null;
        return true;
      }
      return false;
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    listener.opened(this);
    if (!tls) {
      send(new Outgoing(Outbound.protocolSupport(listener.now())));
    }
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    Gate.Connection c = signedIn;
    if (c != null) {
      c.close();
    }
    MemberLimits.Lease held = lease;
    if (held != null) {
      held.close();
    }
    listener.closed(this);
    ctx.fireChannelInactive();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof SslHandshakeCompletionEvent done) {
      if (!done.isSuccess()) {
        LOG.info("TLS handshake with {} failed: {}", remote(), String.valueOf(done.cause()));
        ctx.close();
        return;
      }
      Optional<Member> m = certificateMember(ctx);
      if (m.isEmpty()) {
        listener.refused("certificate", remote(), "TLS client certificate");
        reply("", false, "this client certificate is not mapped to a member; ask the operator", "");
        ctx.close();
        return;
      }
      if (!signIn(m.get())) {
        ctx.close();
        return;
      }
      send(new Outgoing(Outbound.protocolSupport(listener.now())));
    }
    ctx.fireUserEventTriggered(evt);
  }

  private Optional<Member> certificateMember(ChannelHandlerContext ctx) {
    SslHandler ssl = ctx.pipeline().get(SslHandler.class);
    if (ssl == null) {
      return Optional.empty();
    }
    try {
      Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
      if (chain.length == 0 || !(chain[0] instanceof X509Certificate cert)) {
        return Optional.empty();
      }
      String fingerprint =
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
      String subject = cert.getSubjectX500Principal().getName(X500Principal.CANONICAL);
      Optional<Member> m = listener.certificateMember(fingerprint, subject);
      if (m.isEmpty()) {
        LOG.info(
            "TLS client {} with certificate {} (sha256 {}) is not mapped to a member",
            remote(),
            cert.getSubjectX500Principal().getName(),
            fingerprint);
      }
      return m;
    } catch (SSLPeerUnverifiedException
        | CertificateEncodingException
        | NoSuchAlgorithmException e) {
      LOG.info("TLS client {} gave no usable certificate: {}", remote(), e.toString());
      return Optional.empty();
    }
  }

  /**
   * Binds the connection to {@code m} unless the member has as many TAK connections as allowed, in
   * which case the client is told so and disconnected; false then.
   */
  private boolean signIn(Member m) {
    MemberLimits.Lease taken;
    try {
      taken = listener.admit(m);
    } catch (LimitExceeded e) {
      LOG.info("TAK client {}: sign-in as {} refused: {}", remote(), m.id(), e.getMessage());
      reply("", false, "sign-in refused: " + e.getMessage(), "");
      Channel ch = channel;
      if (ch != null) {
        ch.close();
      }
      return false;
    }
    MemberLimits.Lease before = lease;
    lease = taken;
    if (before != null) {
      before.close();
    }
    member = m;
    listener.signedIn(this, m);
    LOG.info("TAK client {} signed in as {} of {}", remote(), m.id(), m.party());
    return true;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof Frame frame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      if (frame instanceof Frame.Refused r) {
        refuse("", r.message());
      } else if (frame instanceof Frame.Xml x) {
        Element root = CotXml.parse(x.bytes());
        if (root.name().equals("auth")) {
          auth(root);
        } else {
          event(CotEvent.of(root));
        }
      } else if (frame instanceof Frame.Proto p) {
        TakProtocol.Message m = TakProtocol.decode(p.bytes());
        TakProtocol.Control control = m.control();
        if (control != null && !control.contactUid().isEmpty() && contactUid.isEmpty()) {
          contactUid = control.contactUid();
        }
        CotEvent e = m.event();
        if (e != null) {
          event(e);
        }
      }
    } catch (CotException e) {
      refuse("", e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("TAK client {}: an event failed", remote(), e);
      refuse("", "the event could not be handled: " + e);
    }
  }

  private void refuse(String ref, @Nullable String message) {
    LOG.info("TAK client {}: refused: {}", remote(), message);
    reply(ref, false, String.valueOf(message), "");
  }

  private void auth(Element auth) {
    Element cot = auth.child("cot").orElse(auth);
    String token = cot.attr("password").or(() -> cot.attr("token")).orElse("");
    String username = cot.attr("username").orElse("");
    String where = "auth username=\"" + username + "\"";
    SignIn result = listener.signIn(token, remote(), where);
    if (result instanceof SignIn.Refused refused) {
      LOG.info(
          "TAK client {}: sign-in refused (username \"{}\"): {}",
          remote(),
          username,
          refused.reason().wireName());
      reply("", false, "sign-in refused: " + refused.message(), "");
      return;
    }
    SignIn.Admitted admitted = (SignIn.Admitted) result;
    Member m = admitted.member();
    if (!username.isEmpty() && !username.equals(m.id())) {
      LOG.info("TAK client {}: sign-in refused (username \"{}\")", remote(), username);
      listener.refused("username", remote(), where);
      reply("", false, "sign-in refused: the token is not " + username + "'s", "");
      return;
    }
    cot.attr("uid").ifPresent(uid -> contactUid = uid);
    if (!signIn(m)) {
      return;
    }
    Channel ch = channel;
    Gate.Connection previous = signedIn;
    signedIn = listener.opened(admitted, () -> closeChannel(ch));
    if (previous != null) {
      previous.close();
    }
    reply("", true, "signed in as " + m.id() + " of " + m.party(), "");
  }

  private static void closeChannel(@Nullable Channel ch) {
    if (ch != null) {
      ch.close();
    }
  }

  private void event(CotEvent e) {
    String type = e.type();
    if (type.equals("t-x-takp-q")) {
      negotiate(e);
      return;
    }
    if (type.equals("t-x-c-t")) {
      send(new Outgoing(Outbound.pong(listener.now())));
      return;
    }
    if (type.startsWith("t-x-takp")) {
      return;
    }
    Member m = member;
    if (m == null) {
      reply(
          e.uid(),
          false,
          "sign in first: send <auth><cot username=\"MEMBER\" password=\"TOKEN\"/></auth>",
          "");
      return;
    }
    if (type.startsWith("a-") && contactUid.isEmpty() && e.detail().child("contact").isPresent()) {
      contactUid = e.uid();
    }
    if (Inbound.isPosition(e)) {
      listener.position(m, this, e);
      return;
    }
    inbox.add(e);
    if (inboxSize.incrementAndGet() > MAX_INBOX) {
      pauseReading();
    }
    drain();
  }

  private void negotiate(CotEvent e) {
    String version =
        e.detail()
            .child("TakControl")
            .flatMap(c -> c.child("TakRequest"))
            .flatMap(r -> r.attr("version"))
            .orElse("");
    boolean ok = version.equals("1");
    send(new Outgoing(Outbound.protocolResponse(ok, e.uid(), listener.now())));
    if (ok) {
      // the response was encoded in XML just now, on this event loop; everything encoded from
      // here on is TAK protocol, as the client expects once it reads the response
      protocol = true;
      framer.switchToProtocol();
    }
  }

  /** Runs this connection's queued commands in order, on a command thread. */
  private void drain() {
    if (!draining.compareAndSet(false, true)) {
      return;
    }
    listener.execute(
        () -> {
          try {
            CotEvent next;
            while ((next = inbox.poll()) != null) {
              if (inboxSize.decrementAndGet() == MAX_INBOX / 2) {
                resumeReading();
              }
              Member m = member;
              if (m != null) {
                listener.inbound().handle(this, m, next);
              }
            }
          } finally {
            draining.set(false);
            if (!inbox.isEmpty()) {
              drain();
            }
          }
        });
  }

  /**
   * Answers the client with a chat line from the service.
   *
   * @param ref the uid of the event answered, or empty
   */
  void reply(String ref, boolean ok, String text, String field) {
    send(new Outgoing(Outbound.reply(ref, ok, text, field, contactUid, listener.now())));
  }

  /**
   * Queues an event for the client without waiting. A client whose unsent data passed the buffer
   * limit is disconnected: it reconnects and gets what it may see again.
   */
  void send(Outgoing out) {
    send(List.of(out));
  }

  /**
   * Queues events for the client without waiting. Everything queued before the connection's event
   * loop gets to it is written and flushed together (one task, one system call), however many facts
   * it came from.
   */
  void send(List<Outgoing> batch) {
    Channel ch = channel;
    if (ch == null) {
      return;
    }
    if (!queue(batch)) {
      return;
    }
    if (ch.eventLoop().inEventLoop()) {
      write(ch); // now, in order: the protocol switch and a close may follow at once
    } else if (writing.compareAndSet(false, true)) {
      ch.eventLoop().execute(() -> write(ch));
    }
  }

  /**
   * Queues events without scheduling the write; returns the event loop that must call {@link
   * #flushOutbox} if no write is scheduled yet. The fan-out queues to many clients this way and
   * schedules one task per event loop rather than one per client.
   */
  Optional<EventLoop> queueForFanOut(List<Outgoing> batch) {
    Channel ch = channel;
    if (ch == null || !queue(batch) || !writing.compareAndSet(false, true)) {
      return Optional.empty();
    }
    return Optional.of(ch.eventLoop());
  }

  /** Writes what is queued; on the event loop. */
  void flushOutbox() {
    Channel ch = channel;
    if (ch != null) {
      write(ch);
    }
  }

  /** Queues events, or drops the client if too much already waits; false if nothing was queued. */
  private boolean queue(List<Outgoing> batch) {
    Channel ch = channel;
    if (ch == null || !ch.isActive() || batch.isEmpty() || dropped.get()) {
      return false;
    }
    long limit = listener.settings().maxClientBufferBytes();
    if (!ch.isWritable() || queuedBytes.get() > limit) {
      if (dropped.compareAndSet(false, true)) {
        LOG.warn(
            "TAK client {} ({}) is too slow: more than {} bytes wait to be sent; disconnecting it",
            remote(),
            member().map(Member::id).orElse("not signed in"),
            limit);
        listener.dropped();
        ch.close();
      }
      return false;
    }
    long bytes = 0;
    for (Outgoing o : batch) {
      bytes += o.sizeHint();
    }
    queuedBytes.addAndGet(bytes);
    outbox.addAll(batch);
    return true;
  }

  /**
   * Writes what is queued, on the event loop, in the format the connection speaks at this moment:
   * nothing is sent in XML once the switch to TAK protocol is made.
   */
  private void write(Channel ch) {
    writing.set(false); // from here on, a new send schedules another write
    List<byte[]> parts = new java.util.ArrayList<>();
    int total = 0;
    Outgoing o;
    while ((o = outbox.poll()) != null) {
      queuedBytes.addAndGet(-o.sizeHint());
      byte[] b = protocol ? o.proto() : o.xml();
      parts.add(b);
      total += b.length;
    }
    if (total == 0) {
      return;
    }
    // one buffer, one write, one flush: far cheaper than one per event for a busy client
    ByteBuf out = ch.alloc().directBuffer(total);
    for (byte[] b : parts) {
      out.writeBytes(b);
    }
    ch.writeAndFlush(out, ch.voidPromise());
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("TAK client {}: {}", remote(), cause.toString());
    ctx.close();
  }

  private String remote() {
    Channel ch = channel;
    SocketAddress a = ch == null ? null : ch.remoteAddress();
    return String.valueOf(a);
  }
}
