package dev.couplinglab.platform.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import org.junit.jupiter.api.Test;

class AdminAuthTest {

  @Test
  void tokensMatchOnlyWhenEqual() {
    assertThat(AdminAuth.tokenMatches("s3cret-token", "s3cret-token")).as("equal").isTrue();
    assertThat(AdminAuth.tokenMatches("s3cret-token", "s3cret-tokeN")).as("last char").isFalse();
    assertThat(AdminAuth.tokenMatches("s3cret-token", "s3cret")).as("a prefix").isFalse();
    assertThat(AdminAuth.tokenMatches("s3cret-token", "s3cret-token-and-more"))
        .as("longer")
        .isFalse();
    assertThat(AdminAuth.tokenMatches("s3cret-token", "")).as("empty").isFalse();
    assertThat(AdminAuth.tokenMatches("s3cret-token", null)).as("null").isFalse();
    assertThat(AdminAuth.tokenMatches(null, "x")).as("no expected token").isFalse();
  }

  @Test
  void answersEachRefusalWithItsOwnCode() {
    AdminAuth auth = new AdminAuth(AdminSettings.withToken("t0k"));
    assertThat(auth.check("Bearer t0k")).as("right token").isNull();
    assertThat(auth.check(null).getCode()).as("no header").isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(auth.check("Basic t0k").getCode())
        .as("not a bearer")
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(auth.check("Bearer nope").getCode())
        .as("wrong token")
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(new AdminAuth(AdminSettings.disabled()).check("Bearer t0k").getCode())
        .as("disabled")
        .isEqualTo(Status.Code.UNIMPLEMENTED);
    assertThat(new AdminAuth(new AdminSettings(true, null)).check("Bearer t0k").getCode())
        .as("no token configured")
        .isEqualTo(Status.Code.FAILED_PRECONDITION);
  }

  @Test
  void settingsNeverShowTheToken() {
    AdminSettings settings = AdminSettings.withToken("very-secret-value");
    assertThat(settings.toString()).as("toString").doesNotContain("very-secret-value");
    assertThat(settings.summary()).as("summary").doesNotContain("very-secret-value");
  }
}
