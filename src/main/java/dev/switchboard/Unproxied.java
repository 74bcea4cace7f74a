package dev.switchboard;

import jakarta.enterprise.inject.Stereotype;
import jakarta.inject.Singleton;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A bean on the per-message path: one instance for the application, like {@code @ApplicationScoped}, but
 * injected as itself rather than through a client proxy. Every call through a Weld client proxy looks the
 * instance up and pushes and pops a thread-local interception context; on the per-message path that was
 * about 7 % of the server's samples (docs/performance.md, "A profile of call setups").
 *
 * <p>The price: with no proxy between them, two such beans may not depend on each other (Weld refuses the
 * deployment), and an injected instance is created with the bean that receives it, not on its first call. A
 * stereotype because {@code @Singleton} alone does not make a class a bean in annotated discovery.
 */
@Stereotype
@Singleton
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Unproxied {
}
