package io.deconflict.server.config;

/** The configuration file or an environment override is wrong; the message says where. */
public final class ConfigurationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** With a message naming the file and the field. */
  public ConfigurationException(String message) {
    super(message);
  }
}
