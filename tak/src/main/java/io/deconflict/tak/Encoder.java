package io.deconflict.tak;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.util.function.BooleanSupplier;

/**
 * Writes {@link Outgoing} events in the connection's current format, decided on the event loop at
 * the moment of writing, so that nothing is sent in XML after the switch to TAK protocol.
 */
final class Encoder extends MessageToByteEncoder<Outgoing> {

  private final BooleanSupplier protocol;

  Encoder(BooleanSupplier protocol) {
    super(Outgoing.class, false);
    this.protocol = protocol;
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Outgoing msg, ByteBuf out) {
    out.writeBytes(protocol.getAsBoolean() ? msg.proto() : msg.xml());
  }
}
