# Switchboard on Open Liberty (first version; build the WAR first with `mvn package`).
#   docker build -t switchboard .   (or: podman build -t switchboard .)
#   docker run --rm -p 9080:9080 switchboard
FROM icr.io/appcafe/open-liberty:kernel-slim-java17-openj9-ubi-minimal

LABEL org.opencontainers.image.title="Switchboard" \
      org.opencontainers.image.description="WebRTC signaling service for Jakarta EE" \
      org.opencontainers.image.licenses="Apache-2.0"

# Server configuration first, so the feature layer is cached across application changes.
# Only server.xml: the configDropins under src/main/liberty/config are for development servers.
COPY --chown=1001:0 src/main/liberty/config/server.xml /config/
RUN features.sh

COPY --chown=1001:0 target/switchboard.war /config/apps/
RUN configure.sh

EXPOSE 9080
USER 1001
