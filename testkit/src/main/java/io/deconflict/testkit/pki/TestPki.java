package io.deconflict.testkit.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Keys made at test time with the JDK's keytool, in a directory: an authority {@code ca} and a
 * rogue one, the server's key ({@code server.p12}, for 127.0.0.1), client keys {@code us-atak}
 * ({@code CN=us-atak-1,OU=TAK,O=US}), {@code ru-atak}, {@code stranger} (trusted but mapped to
 * nobody) and {@code forged} (signed by the rogue authority), and {@code trust.p12} holding {@code
 * ca}. Password {@code changeit}.
 */
public final class TestPki {

  /** The password of every store. */
  public static final String PASS = "changeit";

  private final Path keys;

  private TestPki(Path keys) {
    this.keys = keys;
  }

  /**
   * Makes only the authority {@code ca}, the server's key {@code server.p12} and {@code trust.p12}
   * in {@code dir}, created if absent: for servers whose clients present no certificate.
   */
  public static TestPki makeServerKey(Path dir) throws Exception {
    java.nio.file.Files.createDirectories(dir);
    TestPki p = new TestPki(dir);
    p.authority("ca");
    p.issue("ca", "server", "CN=localhost", "san=ip:127.0.0.1");
    p.trust("ca");
    return p;
  }

  /** Makes every key in {@code dir}, created if absent. */
  public static TestPki make(Path dir) throws Exception {
    java.nio.file.Files.createDirectories(dir);
    TestPki p = new TestPki(dir);
    p.authority("ca");
    p.authority("rogue-ca");
    p.issue("ca", "server", "CN=localhost", "san=ip:127.0.0.1");
    p.issue("ca", "us-atak", "CN=us-atak-1,OU=TAK,O=US");
    p.issue("ca", "ru-atak", "CN=ru-atak-1,O=RU");
    p.issue("ca", "stranger", "CN=stranger");
    p.issue("rogue-ca", "forged", "CN=us-atak-1,OU=TAK,O=US");
    p.trust("ca");
    return p;
  }

  /** Adds the authority {@code ca} to {@code trust.p12}. */
  private void trust(String ca) throws Exception {
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        ca,
        "-file",
        ca + ".crt",
        "-keystore",
        "trust.p12",
        "-storetype",
        "PKCS12",
        "-storepass",
        PASS);
  }

  /** A file in the directory, such as {@code server.p12}. */
  public Path file(String name) {
    return keys.resolve(name);
  }

  /** Runs the JDK's keytool in the directory. */
  public void keytool(String... args) throws IOException, InterruptedException {
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
  public void issue(String ca, String name, String dname, String... ext) throws Exception {
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

  /** A self-signed authority in {@code ca.p12}, its certificate in {@code ca.crt}. */
  public void authority(String ca) throws Exception {
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

  /** The SHA-256 of the certificate {@code name}, hex with colons. */
  public String sha256(String name) throws Exception {
    KeyStore ks = KeyStore.getInstance(keys.resolve(name + ".p12").toFile(), PASS.toCharArray());
    byte[] der = ks.getCertificate(name).getEncoded();
    return java.util.HexFormat.ofDelimiter(":")
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(der));
  }

  /** A client's SSL context without a key of its own, trusting {@code ca} only. */
  public SSLContext trustingContext() throws Exception {
    KeyStore trust = KeyStore.getInstance(keys.resolve("trust.p12").toFile(), PASS.toCharArray());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  /** A client's SSL context with the key {@code name}, trusting {@code ca}. */
  public SSLContext clientContext(String name) throws Exception {
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
}
