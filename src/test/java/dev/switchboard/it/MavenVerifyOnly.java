package dev.switchboard.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * A test class that needs what {@code mvn verify} gives and {@code mvn liberty:dev} does not: the packaged
 * WAR (dev mode runs the application loose), or Arquillian deployments (their archives never reach STARTED
 * in a dev-mode server). Skipped when dev mode runs the tests, which it tells by {@code liberty.http.port}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@DisabledIfSystemProperty(named = "liberty.http.port", matches = ".+",
        disabledReason = "needs the packaged WAR or Arquillian, which liberty:dev does not give; mvn verify runs it")
public @interface MavenVerifyOnly {
}
