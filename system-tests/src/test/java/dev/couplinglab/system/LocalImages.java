package dev.couplinglab.system;

import java.util.Map;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;

/**
 * Maps the public images the tests name to the ones {@code docker/build-images.sh} builds from
 * Debian packages and Maven Central, when {@code COUPLINGLAB_LOCAL_IMAGES=true}. Users with a
 * registry leave it unset and get the public images.
 */
public final class LocalImages extends ImageNameSubstitutor {

  public static final String KAFKA = "apache/kafka:4.1.0";
  public static final String JRE = "eclipse-temurin:17-jre";

  private static final Map<String, String> LOCAL =
      Map.of(KAFKA, "couplinglab/kafka:4.4.0", JRE, "couplinglab/jre:17");

  public static boolean enabled() {
    return "true".equalsIgnoreCase(System.getenv("COUPLINGLAB_LOCAL_IMAGES"));
  }

  /** The name to use for {@code image} on this machine. */
  public static String resolve(String image) {
    return enabled() ? LOCAL.getOrDefault(image, image) : image;
  }

  @Override
  public DockerImageName apply(DockerImageName original) {
    return DockerImageName.parse(resolve(original.asCanonicalNameString()))
        .asCompatibleSubstituteFor(original);
  }

  @Override
  protected String getDescription() {
    return "Coupling Lab local images (COUPLINGLAB_LOCAL_IMAGES=" + enabled() + ")";
  }
}
