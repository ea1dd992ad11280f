package dev.couplinglab.platform.admin;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the admin services: {@code authorization: Bearer <token>} must carry {@code ADMIN_TOKEN}.
 * No header is UNAUTHENTICATED, a wrong token PERMISSION_DENIED (compared in constant time), a
 * disabled API UNIMPLEMENTED, an unset token FAILED_PRECONDITION. Neither the expected nor the
 * presented token is ever logged.
 */
public final class AdminAuth implements ServerInterceptor {

  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final String BEARER = "Bearer ";
  private static final Logger log = LoggerFactory.getLogger(AdminAuth.class);

  private final AdminSettings settings;

  public AdminAuth(AdminSettings settings) {
    this.settings = settings;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    Status refusal = check(headers.get(AUTHORIZATION));
    if (refusal != null) {
      if (refusal.getCode() == Status.Code.PERMISSION_DENIED) {
        log.warn(
            "Admin call {} refused: wrong token", call.getMethodDescriptor().getFullMethodName());
      }
      call.close(refusal, new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }

  /** Null when the call may go on, else the status to answer. */
  Status check(String authorization) {
    if (!settings.enabled()) {
      return Status.UNIMPLEMENTED.withDescription("admin API disabled by ADMIN_ENABLED=false");
    }
    if (!settings.hasToken()) {
      return Status.FAILED_PRECONDITION.withDescription(
          "ADMIN_TOKEN is not set: the admin API is closed until the service is started with it");
    }
    if (authorization == null || !authorization.startsWith(BEARER)) {
      return Status.UNAUTHENTICATED.withDescription(
          "admin calls need the header 'authorization: Bearer <ADMIN_TOKEN>'");
    }
    if (!tokenMatches(settings.token(), authorization.substring(BEARER.length()))) {
      return Status.PERMISSION_DENIED.withDescription("wrong admin token");
    }
    return null;
  }

  /**
   * Compares in time independent of where the tokens differ and of their lengths: both are hashed
   * to 32 bytes first, then compared with {@link MessageDigest#isEqual} (constant time).
   */
  public static boolean tokenMatches(String expected, String presented) {
    if (expected == null || presented == null) {
      return false;
    }
    return MessageDigest.isEqual(sha256(expected), sha256(presented));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
