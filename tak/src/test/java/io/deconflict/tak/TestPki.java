package io.deconflict.tak;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Keys made at test time with the JDK's keytool, in a directory: an authority {@code ca} and a
 * rogue one, the server's key ({@code server.p12}, for 127.0.0.1), client keys {@code us-atak}
 * ({@code CN=us-atak-1,OU=TAK,O=US}), {@code ru-atak}, {@code stranger} (trusted but mapped to
 * nobody) and {@code forged} (signed by the rogue authority), and {@code trust.p12} holding {@code
 * ca}. Password {@code changeit}.
 */
final class TestPki {

  static final String PASS = "changeit";

  private final Path keys;

  private TestPki(Path keys) {
    this.keys = keys;
  }

  /** Makes every key in {@code dir}. */
  static TestPki make(Path dir) throws Exception {
    TestPki p = new TestPki(dir);
    p.authority("ca");
    p.authority("rogue-ca");
    p.issue("ca", "server", "CN=localhost", "san=ip:127.0.0.1");
    p.issue("ca", "us-atak", "CN=us-atak-1,OU=TAK,O=US");
    p.issue("ca", "ru-atak", "CN=ru-atak-1,O=RU");
    p.issue("ca", "stranger", "CN=stranger");
    p.issue("rogue-ca", "forged", "CN=us-atak-1,OU=TAK,O=US");
    p.keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "ca",
        "-file",
        "ca.crt",
        "-keystore",
        "trust.p12",
        "-storetype",
        "PKCS12",
        "-storepass",
        PASS);
    return p;
  }

  Path file(String name) {
    return keys.resolve(name);
  }

  /** The TLS material of the server, as configured. */
  TakSettings.Tls serverTls() {
    return new TakSettings.Tls(keys.resolve("server.p12"), PASS, keys.resolve("trust.p12"), PASS);
  }

  void keytool(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(keys.toFile()).redirectErrorStream(true).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
    }
  }

  /** A key pair in {@code name.p12}, its certificate signed by {@code ca}. */
  void issue(String ca, String name, String dname, String... ext) throws Exception {
    keytool(
        "-genkeypair",
        "-alias",
        name,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        dname,
        "-validity",
        "2",
        "-keystore",
        name + ".p12",
        "-storetype",
        "PKCS12",
        "-storepass",
        PASS);
    keytool(
        "-certreq",
        "-alias",
        name,
        "-keystore",
        name + ".p12",
        "-storepass",
        PASS,
        "-file",
        name + ".csr");
    List<String> gen =
        new ArrayList<>(
            List.of(
                "-gencert",
                "-alias",
                ca,
                "-keystore",
                ca + ".p12",
                "-storepass",
                PASS,
                "-infile",
                name + ".csr",
                "-outfile",
                name + ".crt",
                "-validity",
                "2"));
    for (String e : ext) {
      gen.add("-ext");
      gen.add(e);
    }
    keytool(gen.toArray(String[]::new));
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        ca,
        "-file",
        ca + ".crt",
        "-keystore",
        name + ".p12",
        "-storepass",
        PASS);
    keytool(
        "-importcert",
        "-alias",
        name,
        "-file",
        name + ".crt",
        "-keystore",
        name + ".p12",
        "-storepass",
        PASS);
  }

  void authority(String ca) throws Exception {
    keytool(
        "-genkeypair",
        "-alias",
        ca,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=" + ca,
        "-ext",
        "bc:c",
        "-validity",
        "2",
        "-keystore",
        ca + ".p12",
        "-storetype",
        "PKCS12",
        "-storepass",
        PASS);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        ca,
        "-keystore",
        ca + ".p12",
        "-storepass",
        PASS,
        "-file",
        ca + ".crt");
  }

  String sha256(String name) throws Exception {
    KeyStore ks = KeyStore.getInstance(keys.resolve(name + ".p12").toFile(), PASS.toCharArray());
    byte[] der = ks.getCertificate(name).getEncoded();
    return java.util.HexFormat.ofDelimiter(":")
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(der));
  }

  /** A client's SSL context with the key {@code name}, trusting {@code ca}. */
  SSLContext clientContext(String name) throws Exception {
    KeyStore ks = KeyStore.getInstance(keys.resolve(name + ".p12").toFile(), PASS.toCharArray());
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASS.toCharArray());
    KeyStore trust = KeyStore.getInstance(keys.resolve("trust.p12").toFile(), PASS.toCharArray());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }

  /** A TAK client over TLS with the key {@code name}. */
  TakClient connect(int port, String name, String uid) throws Exception {
    SSLSocket s = (SSLSocket) clientContext(name).getSocketFactory().createSocket();
    s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    s.startHandshake();
    return new TakClient(s, uid);
  }
}
