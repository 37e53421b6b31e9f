package dev.hark.spark;

import picocli.CommandLine;

/** {@code hark-spark --version}: Hark's version and the Spark it runs on. */
final class SparkVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"hark-spark " + HarkSpark.class.getPackage().getImplementationVersion() + " (Spark "
                + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ", Scala 2.13, Java "
                + System.getProperty("java.version") + ")"};
    }
}
