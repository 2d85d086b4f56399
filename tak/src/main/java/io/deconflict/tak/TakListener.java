package io.deconflict.tak;

import io.deconflict.service.Application;
import io.deconflict.service.access.Gate;
import io.deconflict.service.access.SignIn;
import io.deconflict.service.command.ReportPositions;
import io.deconflict.service.limit.LimitExceeded;
import io.deconflict.service.limit.MemberLimits;
import io.deconflict.service.party.Directory;
import io.deconflict.service.party.Member;
import io.deconflict.tak.cot.CotEvent;
import io.deconflict.tak.cot.CotException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Cursor on Target listener: streaming TCP (plain, for testing and closed networks) and TLS
 * with client certificates, in XML or TAK protocol version 1, as TAK clients speak to a TAK server.
 * Every connection is bound to a member of a party; what it sends becomes that member's commands,
 * and it receives what that party is told. See {@code docs/tak.md}.
 *
 * <p>With {@code tak.tls.martiPort} it also answers the version endpoints of TAK Server's Marti
 * REST API over HTTPS ({@link MartiApi}), with the same TLS material and certificate mapping.
 *
 * <p>Netty: one acceptor thread, two I/O threads, a pool for commands (which wait for the journal)
 * and one fan-out thread per party. A slow client is buffered up to {@code maxClientBufferBytes}
 * and then disconnected; nobody else waits for it. Thread-safe.
 */
public final class TakListener implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TakListener.class);

  private final Application app;
  private final Gate gate;
  private final boolean ownsGate;
  private final TakSettings settings;
  private final Clock clock;
  private final MemberLimits limits;
  private final Inbound inbound;
  private final Hub hub;
  private final ExecutorService commands;
  private final EventLoopGroup boss = new NioEventLoopGroup(1, daemon("deconflict-tak-accept"));
  private final EventLoopGroup workers = new NioEventLoopGroup(2, daemon("deconflict-tak-io"));
  private final Map<String, Batcher> batchers = new ConcurrentHashMap<>();
  private final Set<Session> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong droppedClients = new AtomicLong();
  private final AtomicLong positionsStored = new AtomicLong();
  private @Nullable Channel tcp;
  private @Nullable Channel tls;
  private @Nullable MartiApi marti;

  private TakListener(
      Application app,
      Gate gate,
      boolean ownsGate,
      TakSettings settings,
      Clock clock,
      MemberLimits limits) {
    this.app = app;
    this.gate = gate;
    this.ownsGate = ownsGate;
    this.settings = settings;
    this.clock = clock;
    this.limits = limits;
    this.inbound = new Inbound(app);
    this.hub = new Hub(this, app, gate.directory());
    this.commands = Executors.newFixedThreadPool(16, daemon("deconflict-tak-command"));
  }

  /**
   * Starts listening on the configured ports.
   *
   * @throws IllegalStateException if a port cannot be bound or the TLS material cannot be read
   */
  public static TakListener start(
      Application app, Directory directory, TakSettings settings, Clock clock) {
    return start(app, Gate.fixed(app, directory, clock), true, settings, clock, noLimits());
  }

  /**
   * As {@link #start(Application, Directory, TakSettings, Clock)}, signing clients in through
   * {@code gate}, which the HTTP API shares and its owner closes: revoking a token closes the TAK
   * connections signed in with it, and a reload changes the tokens accepted.
   */
  public static TakListener start(Application app, Gate gate, TakSettings settings, Clock clock) {
    return start(app, gate, false, settings, clock, noLimits());
  }

  /**
   * As {@link #start(Application, Directory, TakSettings, Clock)}, counting every signed-in
   * connection against its member's {@link MemberLimits#openTak TAK connection limit} (shared with
   * the HTTP server, which counts the member's requests and event streams in the same instance).
   *
   * @throws IllegalStateException if a port cannot be bound or the TLS material cannot be read
   */
  public static TakListener start(
      Application app,
      Directory directory,
      TakSettings settings,
      Clock clock,
      MemberLimits limits) {
    return start(app, Gate.fixed(app, directory, clock), true, settings, clock, limits);
  }

  /**
   * The listener {@code serve} starts: clients signed in through {@code gate} (shared with the HTTP
   * API, closed by its owner) and counted against {@code limits} (shared with it too).
   *
   * @throws IllegalStateException if a port cannot be bound or the TLS material cannot be read
   */
  public static TakListener start(
      Application app, Gate gate, TakSettings settings, Clock clock, MemberLimits limits) {
    return start(app, gate, false, settings, clock, limits);
  }

  private static MemberLimits noLimits() {
    return MemberLimits.of(MemberLimits.Settings.NONE, System::nanoTime);
  }

  private static TakListener start(
      Application app,
      Gate gate,
      boolean ownsGate,
      TakSettings settings,
      Clock clock,
      MemberLimits limits) {
    TakListener l = new TakListener(app, gate, ownsGate, settings, clock, limits);
    try {
      l.hub.start();
      if (settings.tcpPort() >= 0) {
        l.tcp = l.bind(settings.tcpPort(), null);
      }
      TlsMaterial material =
          settings.tls().isPresent() ? TlsMaterial.read(settings.tls().get()) : null;
      if (settings.tlsPort() >= 0 && material != null) {
        l.tls = l.bind(settings.tlsPort(), sslContext(material));
      }
      if (settings.martiPort() >= 0 && material != null) {
        l.marti = MartiApi.start(l, settings.host(), settings.martiPort(), material);
      }
    } catch (RuntimeException e) {
      l.close();
      throw e;
    }
    return l;
  }

  private Channel bind(int port, @Nullable SslContext ssl) {
    int high = settings.maxClientBufferBytes();
    ServerBootstrap b =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.SO_KEEPALIVE, true)
            .childOption(
                ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(high / 2, high))
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    if (ssl != null) {
                      ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                    }
                    Framer framer = new Framer(settings.maxEventBytes());
                    Session session = new Session(TakListener.this, framer, ssl != null);
                    framer.onProtocol(session::protocolDetected);
                    ch.pipeline().addLast(framer, session);
                  }
                });
    try {
      return b.bind(new InetSocketAddress(settings.host(), port)).sync().channel();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding port " + port, e);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot listen for TAK clients on " + settings.host() + ":" + port + ": " + e, e);
    }
  }

  private static SslContext sslContext(TlsMaterial t) {
    try {
      return SslContextBuilder.forServer(t.keys())
          .trustManager(t.trust())
          .clientAuth(ClientAuth.REQUIRE)
          .sslProvider(SslProvider.JDK)
          .protocols(TlsMaterial.PROTOCOLS)
          .build();
    } catch (javax.net.ssl.SSLException e) {
      throw new IllegalStateException("tak.tls: cannot make a TLS context: " + e.getMessage(), e);
    }
  }

  /** The plain TCP port it listens on, or -1. */
  public int tcpPort() {
    Channel c = tcp;
    return c == null ? -1 : ((InetSocketAddress) c.localAddress()).getPort();
  }

  /** The TLS port it listens on, or -1. */
  public int tlsPort() {
    Channel c = tls;
    return c == null ? -1 : ((InetSocketAddress) c.localAddress()).getPort();
  }

  /** The HTTPS port of the Marti API, or -1. */
  public int martiPort() {
    MartiApi m = marti;
    return m == null ? -1 : m.port();
  }

  /** How many clients are connected. */
  public int connections() {
    return open.size();
  }

  /** How many clients were disconnected for being too slow. */
  public long droppedClients() {
    return droppedClients.get();
  }

  /** How many position reports from TAK clients the service has stored (accepted or ignored). */
  public long positionsStored() {
    return positionsStored.get();
  }

  /** How many routes without times are kept as plan geometry. */
  public int untimedRoutes() {
    return inbound.untimedRoutes();
  }

  TakSettings settings() {
    return settings;
  }

  Inbound inbound() {
    return inbound;
  }

  Instant now() {
    return clock.instant();
  }

  void execute(Runnable task) {
    try {
      commands.execute(task);
    } catch (RejectedExecutionException closing) {
      LOG.debug("TAK listener closing: a command was not run");
    }
  }

  void opened(Session s) {
    open.add(s);
  }

  void closed(Session s) {
    open.remove(s);
    hub.remove(s);
  }

  /**
   * Counts a signing-in connection against its member's TAK connections.
   *
   * @throws LimitExceeded if the member has as many signed in as allowed
   */
  MemberLimits.Lease admit(Member m) {
    return limits.openTak(m.id());
  }

  void signedIn(Session s, Member m) {
    hub.add(s, m);
    execute(() -> hub.welcome(s, m));
  }

  void dropped() {
    droppedClients.incrementAndGet();
  }

  /** Signs a client in with a token ({@code from}: its address; {@code where}: what it sent). */
  SignIn signIn(String token, String from, String where) {
    return gate.signIn(Optional.of(token), Gate.TAK, from, where);
  }

  /** Records a refused sign-in that is not a token's (a certificate mapped to nobody). */
  void refused(String reason, String from, String where) {
    gate.refused(Gate.TAK, reason, from, where);
  }

  /** Registers a connection signed in with a token, closed by {@code closer} once revoked. */
  Gate.Connection opened(SignIn.Admitted admitted, Runnable closer) {
    return gate.opened(admitted, closer);
  }

  Optional<Member> certificateMember(String sha256Hex, String canonicalSubject) {
    Map<String, String> certs = settings.certificates();
    String id = certs.get(TakSettings.fingerprintKey(sha256Hex));
    if (id == null) {
      id = certs.get("subject:" + canonicalSubject);
    }
    return id == null ? Optional.empty() : gate.directory().member(id);
  }

  /** A unit's position from a client: batched with the member's other reports. */
  void position(Member m, Session from, CotEvent e) {
    try {
      ReportPositions.Report report = Inbound.report(e);
      // Before the report can be stored: a client welcomed once it is stored sees the unit as
      // reported, whether or not the fan-out has handled the report yet.
      hub.remember(m.party(), report);
      batchers
          .computeIfAbsent(m.id(), k -> new Batcher(app, m, this::execute, positionsStored))
          .add(report, e.uid(), from);
    } catch (CotException ex) {
      from.reply(e.uid(), false, String.valueOf(ex.getMessage()), "");
    }
  }

  /** Stops listening, disconnects every client, stops the fan-out. The service stays open. */
  @Override
  public void close() {
    hub.close();
    MartiApi m = marti;
    if (m != null) {
      m.close();
    }
    for (Channel c : new Channel[] {tcp, tls}) {
      if (c != null) {
        c.close().awaitUninterruptibly();
      }
    }
    boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
    workers.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
    commands.shutdown();
    if (ownsGate) {
      gate.close();
    }
    LOG.info("TAK listener stopped");
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
