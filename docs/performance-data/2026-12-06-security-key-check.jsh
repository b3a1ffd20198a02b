import java.security.MessageDigest;
import java.util.*;
import java.util.concurrent.*;
var map = new ConcurrentHashMap<String, Object>();
String key = "sw_3f9c2a7b1e04_q8Jx0d3mYQvN5b1rT7kLw2sZc9HfUe4gPaVo6iRyXnM";
for (int i = 0; i < 10000; i++) map.put(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(("k" + i).getBytes())), i);
map.put(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(key.getBytes())), 1);
var bean = java.lang.management.ManagementFactory.getThreadMXBean();
long sink = 0;
for (int round = 0; round < 5; round++) {
  long c0 = bean.getCurrentThreadCpuTime();
  for (int i = 0; i < 1_000_000; i++) {
    byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    sink += map.get(Base64.getEncoder().encodeToString(h)).hashCode();
  }
  System.out.printf("round %d: %.3f us CPU per cached lookup%n", round, (bean.getCurrentThreadCpuTime() - c0) / 1e9);
}
/exit
