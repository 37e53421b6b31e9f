package dev.hark.serve.mqtt;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import org.eclipse.paho.client.mqttv3.MqttException;

/** Why a connection to the broker failed or was lost, as one line for the user. */
final class ConnectProblem {
    private ConnectProblem() {
    }

    /** The line for a connection that was open and died. */
    static String lost(MqttSettings s, Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof EOFException) {
                return "lost the broker at " + s.where() + " (connection closed)";
            }
            if (c instanceof SocketException) {
                return "lost the broker at " + s.where() + " (" + c.getMessage() + ")";
            }
        }
        if (t instanceof MqttException m && (m.getReasonCode() == MqttException.REASON_CODE_CLIENT_NOT_CONNECTED
                || m.getReasonCode() == MqttException.REASON_CODE_CONNECTION_LOST)) {
            // A publish can notice the closed socket before the client has told why: the broker hung up.
            return "lost the broker at " + s.where() + " (connection closed)";
        }
        return "lost the broker at " + s.where() + ": " + describe(s, t);
    }

    private static String tls(MqttSettings s, Throwable ssl) {
        for (Throwable c = ssl; c != null; c = c.getCause()) {
            if (c instanceof CertPathBuilderException || c instanceof CertPathValidatorException) {
                return "the broker's certificate is not signed by a CA of mqtt.tls-ca (" + s.tlsCa() + ")";
            }
            if (c instanceof CertificateException && String.valueOf(c.getMessage()).contains("matching")) {
                return "the broker's certificate is not for host '" + s.host() + "' (mqtt.host)";
            }
        }
        return ssl.getMessage() + " (mqtt.tls-ca)";
    }

    /** The line for a failed connection attempt to the broker of {@code s}. */
    static String describe(MqttSettings s, Throwable t) {
        String where = s.where();
        if (t instanceof MqttException m) {
            switch (m.getReasonCode()) {
                case MqttException.REASON_CODE_FAILED_AUTHENTICATION:
                case MqttException.REASON_CODE_NOT_AUTHORIZED:
                    return "broker " + where + " refused "
                            + (s.user() == null ? "anonymous clients" : "user '" + s.user() + "'")
                            + ": bad user name or password (mqtt.user, mqtt.password)";
                case MqttException.REASON_CODE_INVALID_CLIENT_ID:
                    return "broker " + where + " refused the client id '" + s.clientId() + "' (mqtt.client-id)";
                case MqttException.REASON_CODE_INVALID_PROTOCOL_VERSION:
                    return "broker " + where + " does not speak MQTT 3.1.1";
                case MqttException.REASON_CODE_BROKER_UNAVAILABLE:
                    return "broker " + where + " is unavailable";
                case MqttException.REASON_CODE_CLIENT_TIMEOUT:
                    return "no answer from " + where + " (is it an MQTT broker? is mqtt.port right?)";
                default:
                    break;
            }
        }
        Throwable root = t;
        for (Throwable c = t; c != null; c = c.getCause()) {
            root = c;
            if (c instanceof UnknownHostException) {
                return "unknown broker host '" + s.host() + "' (mqtt.host)";
            }
            if (c instanceof ConnectException) {
                return "no broker at " + where + " (connection refused)";
            }
            if (c instanceof EOFException) {
                return where + " hung up without an MQTT answer (is it an MQTT broker? is mqtt.port right?)";
            }
            if (c instanceof NoRouteToHostException) {
                return "no route to broker host " + where;
            }
            if (c instanceof SocketTimeoutException) {
                return "no answer from " + where + " (timed out)";
            }
            if (c instanceof SSLException) {
                return "TLS with " + where + " failed: " + tls(s, c);
            }
        }
        String msg = root.getMessage();
        return "cannot reach broker " + where + ": " + (msg == null ? root.getClass().getSimpleName() : msg);
    }
}
