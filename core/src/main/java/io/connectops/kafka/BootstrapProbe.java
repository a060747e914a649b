package io.connectops.kafka;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Before the Kafka clients spend their whole deadline retrying a broker that is not there (30 s of warnings), one TCP
 * connect to each bootstrap server: when every one refuses, say so at once. Anything else (a slow network, a name that
 * does not resolve, a proxy) is left to the clients and their deadlines.
 */
final class BootstrapProbe {
    static final int TIMEOUT_MS = 2_000;

    private BootstrapProbe() {
    }

    /** @throws KafkaAdminException when every bootstrap server refused the connection */
    static void check(String bootstrapServers) {
        List<String> refused = new ArrayList<>();
        String[] servers = bootstrapServers.split(",");
        for (String server : servers) {
            String address = server.strip().replaceFirst("^[A-Za-z_]+://", "");
            int colon = address.lastIndexOf(':');
            if (colon <= 0) {
                return;
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address.substring(0, colon).replaceAll("^\\[|]$", ""),
                        Integer.parseInt(address.substring(colon + 1))), TIMEOUT_MS);
                return; // one answers: the clients take it from here
            } catch (ConnectException e) {
                refused.add(address);
            } catch (IOException | IllegalArgumentException e) {
                return;
            }
        }
        throw new KafkaAdminException("cannot connect to Kafka at " + String.join(", ", refused) + ": connection refused (is Kafka running "
                + "there? './connectops dev' starts one on 127.0.0.1:9092)");
    }
}
