package dev.switchboard.it;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Black-box, on a server started with switchboard.directory.enabled=false: the directory answers with an error; rooms work. */
class DirectoryDisabledIT {

    @RegisterExtension
    static final ExtraServer server = new ExtraServer("noDirectoryIT", Map.of("SWITCHBOARD_DIRECTORY_ENABLED", "false"));

    @Test
    void directoryMessagesAreRefusedAndRoomsStillWork() {
        try (TestPeer a = TestPeer.connect(server.server()); TestPeer b = TestPeer.connect(server.server())) {
            for (String frame : new String[] {"{\"type\":\"login\",\"name\":\"Alice\"}", "{\"type\":\"logout\"}",
                    "{\"type\":\"message\",\"to\":\"Bob\",\"body\":1}",
                    "{\"type\":\"invite\",\"to\":\"Bob\",\"room\":\"r\"}", "{\"type\":\"decline\",\"to\":\"Bob\"}"}) {
                a.send(frame);
                a.nextError("directory-disabled");
            }
            a.send("{\"type\":\"offer\",\"sdp\":\"v=0\",\"to\":\"Bob\"}");
            a.nextError("not-in-room");
            String room = ServerUnderTest.uniqueRoom();
            a.request("create", room);
            a.next("created");
            b.request("join", room);
            b.next("joined");
        }
    }
}
