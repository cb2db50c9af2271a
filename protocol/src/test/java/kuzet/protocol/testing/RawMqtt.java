package kuzet.protocol.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * An attacker's MQTT 5 client on a bare socket: unlike Paho it does not honour the broker's maximum packet size,
 * so tests can see what the broker itself does with an oversized publish. Only CONNECT and QoS 1 PUBLISH.
 */
public final class RawMqtt implements AutoCloseable {
  /** What the broker answered a publish with: a PUBACK reason code, a DISCONNECT, or nothing (closed). */
  public record Answer(String packet, int reasonCode) {
    public boolean accepted() {
      return packet.equals("PUBACK") && reasonCode < 0x80;
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private int packetId = 1;

  private RawMqtt(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(10_000);
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Connects (clean start, no properties) and returns once the broker accepted; throws on a refusal. */
  public static RawMqtt connect(String tcpUrl, String clientId, String user, String password) throws IOException {
    URI uri = URI.create(tcpUrl);
    RawMqtt c = new RawMqtt(new Socket(uri.getHost(), uri.getPort()));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    string(body, "MQTT");
    body.write(5);
    body.write(0x80 | 0x40 | 0x02);
    body.write(0);
    body.write(60);
    body.write(0);
    string(body, clientId);
    string(body, user);
    string(body, password);
    c.send(0x10, body.toByteArray());
    Answer connack = c.read();
    if (!connack.packet().equals("CONNACK") || connack.reasonCode() != 0) {
      c.close();
      throw new IOException("connection refused: " + connack);
    }
    return c;
  }

  /** A QoS 1 publish of any size; returns the broker's answer. */
  public Answer publish(String topic, byte[] payload, boolean retain) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream(payload.length + 64);
    string(body, topic);
    int id = packetId++;
    body.write(id >> 8);
    body.write(id & 0xFF);
    body.write(0);
    body.write(payload);
    try {
      send(0x32 | (retain ? 1 : 0), body.toByteArray());
      return read();
    } catch (IOException closed) {
      return new Answer("CLOSED", -1);
    }
  }

  private void send(int header, byte[] body) throws IOException {
    ByteArrayOutputStream packet = new ByteArrayOutputStream(body.length + 5);
    packet.write(header);
    int len = body.length;
    do {
      int b = len % 128;
      len /= 128;
      packet.write(len > 0 ? b | 0x80 : b);
    } while (len > 0);
    packet.write(body);
    out.write(packet.toByteArray());
    out.flush();
  }

  private Answer read() throws IOException {
    int header = in.read();
    if (header < 0) {
      return new Answer("CLOSED", -1);
    }
    int len = 0;
    int shift = 0;
    int b;
    do {
      b = in.readUnsignedByte();
      len |= (b & 0x7F) << shift;
      shift += 7;
    } while ((b & 0x80) != 0);
    byte[] body = in.readNBytes(len);
    return switch (header >> 4) {
      case 2 -> new Answer("CONNACK", body.length > 1 ? body[1] & 0xFF : -1);
      case 4 -> new Answer("PUBACK", body.length > 2 ? body[2] & 0xFF : 0);
      case 14 -> new Answer("DISCONNECT", body.length > 0 ? body[0] & 0xFF : 0);
      default -> new Answer("PACKET-" + (header >> 4), -1);
    };
  }

  private static void string(ByteArrayOutputStream b, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    b.write(bytes.length >> 8);
    b.write(bytes.length & 0xFF);
    b.writeBytes(bytes);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
