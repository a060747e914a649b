package io.connectops.controller;

import java.util.List;
import java.util.Map;

import io.connectops.plan.KeyChange;

/**
 * One resource as the last pass saw it, for the dashboard's resource page: where it is declared, its declared
 * and live configuration and their difference key by key, every secret value masked (as in plans).
 *
 * @param declared the configuration the files declare (null when not declared)
 * @param live     the configuration on the cluster (null when it is not there, or not known)
 * @param diff     what differs, as the plan says it
 */
public record ResourceDetail(String cluster, String resource, String kind, String file, int line, Map<String, String> declared,
                             Map<String, String> live, List<KeyChange> diff) {
}
