package io.connectops.connect;

/** A connector plugin installed on the workers ({@code GET /connector-plugins}). */
public record PluginInfo(String className, String type, String version) {
    /** The short name Connect also accepts, e.g. FileStreamSink for ...FileStreamSinkConnector. */
    public String alias() {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return simple.endsWith("Connector") ? simple.substring(0, simple.length() - "Connector".length()) : simple;
    }
}
