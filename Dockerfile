# Switchboard on Open Liberty: the WAR on a kernel-slim Liberty that installs only the features server.xml names.
# Build the WAR first, then the image (docker or podman alike):
#   mvn package
#   docker build -t switchboard .
#   docker run --rm -p 9080:9080 switchboard
# Configuration by environment variables, JSON logs, stopping, OpenShift: README.md and docs/deploy.md.
# src/test/java/dev/switchboard/deploy checks this file against server.xml, the pom and the manifests.

# The Liberty release the tests run on (pom.xml: openliberty.version), Java 17 (IBM Semeru, OpenJ9), UBI 9 minimal.
FROM icr.io/appcafe/open-liberty:26.0.0.3-kernel-slim-java17-openj9-ubi-minimal

# Where the source is and which commit: docker build --build-arg VCS_URL=... --build-arg VCS_REF=$(git rev-parse HEAD)
ARG VCS_URL=""
ARG VCS_REF=""

LABEL org.opencontainers.image.title="Switchboard" \
      org.opencontainers.image.description="WebRTC signaling service for Jakarta EE" \
      org.opencontainers.image.version="1.0.0-SNAPSHOT" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.source="${VCS_URL}" \
      org.opencontainers.image.revision="${VCS_REF}" \
      org.opencontainers.image.url="" \
      org.opencontainers.image.vendor="" \
      org.opencontainers.image.authors="" \
      name="switchboard" \
      version="1.0.0-SNAPSHOT" \
      vendor="" \
      summary="WebRTC signaling service for Jakarta EE" \
      description="Switchboard, a WebRTC signaling server (WebSocket), on Open Liberty"

# The server serves plain HTTP only (httpsPort="-1"; TLS ends at the route or proxy), so no keystore:
# TLS=false keeps configure.sh from writing one with a password at build time, SAVE_KEYSTORE=false keeps
# the image's start script (/opt/ol/helpers/runtime/docker-server.sh) from writing one at every start.
ARG TLS=false
ENV SAVE_KEYSTORE=false

# Server configuration first, so that the feature layer is cached across application changes. features.sh
# installs every feature the configuration in /config names. Only server.xml: the configDropins under
# src/main/liberty/config are for development and test servers.
COPY --chown=1001:0 src/main/liberty/config/server.xml /config/
RUN features.sh

COPY --chown=1001:0 target/switchboard.war /config/apps/
RUN configure.sh

# The base image's command, kept: /opt/ol/helpers/runtime/docker-server.sh execs "server run defaultServer",
# which execs the JVM, so the JVM is PID 1 and gets the SIGTERM of docker stop and Kubernetes itself: the
# application drains its connections (docs/shutdown.md).
# 9080: the application (WebSocket endpoints, demo pages): the port a Route exposes.
# 9081: /health and /metrics, for probes and Prometheus inside the cluster; never routed.
EXPOSE 9080 9081
USER 1001
