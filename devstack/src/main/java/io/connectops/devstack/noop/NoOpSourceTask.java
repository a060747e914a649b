package io.connectops.devstack.noop;

import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/** Sleeps in poll and returns nothing; fails on demand (see {@link NoOpSourceConnector#FAIL_CONFIG}). */
public class NoOpSourceTask extends SourceTask {
    private volatile boolean fail;

    @Override
    public String version() {
        return NoOpSourceConnector.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        fail = Boolean.parseBoolean(props.getOrDefault(NoOpSourceConnector.FAIL_CONFIG, "false"));
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (fail) {
            throw new ConnectException("noop task failing on purpose (noop.fail=true)");
        }
        Thread.sleep(500);
        return null;
    }

    @Override
    public void stop() {
    }
}
