package kuzet.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A message about one post: it travels on one of that post's topics. */
public sealed interface PostMessage extends Message
    permits Birth, Death, Telemetry, Event, Command, CommandAck, PostConfig {

  PostId postId();

  /** The channel this message type travels on. */
  @JsonIgnore
  Channel channel();
}
