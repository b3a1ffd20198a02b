import json, subprocess, sys, collections
f = sys.argv[1]
out = subprocess.run(['/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr', 'print', '--json', '--stack-depth', '64', '--events', 'jdk.ExecutionSample', f], capture_output=True, text=True).stdout
ev = json.loads(out)['recording']['events']
top = collections.Counter(); incl = collections.Counter(); n = 0
def bucket(m):
    t = m['type']['name'].replace('/', '.')
    for p, b in [('org.postgresql', 'pgjdbc (driver: encode/decode, socket)'), ('tools.jackson', 'Jackson (JSON)'), ('com.fasterxml', 'Jackson (JSON)'),
                 ('com.zaxxer.hikari', 'HikariCP'), ('org.springframework.transaction', 'Spring transactions'), ('org.springframework.jdbc', 'Spring JDBC / JdbcClient'),
                 ('org.springframework', 'Spring (other)'), ('io.stepwise.asl', 'stepwise asl (interpreter language)'), ('io.stepwise.engine', 'stepwise engine'),
                 ('io.stepwise.worker', 'stepwise worker'), ('io.stepwise.store', 'stepwise store'), ('io.stepwise.task', 'stepwise task'), ('io.stepwise.bench', 'bench harness'),
                 ('ch.qos.logback', 'logging'), ('org.slf4j', 'logging'), ('java.util.concurrent', 'JDK concurrency'), ('jdk.internal.vm', 'virtual threads'), ('java.lang.VirtualThread', 'virtual threads'),
                 ('java.util.regex', 'JDK regex'), ('sun.nio', 'JDK I/O'), ('java.net', 'JDK I/O'), ('sun.net', 'JDK I/O'), ('java.', 'JDK (other)'), ('jdk.', 'JDK (other)'), ('sun.', 'JDK (other)')]:
        if t.startswith(p): return b
    return 'other: ' + t.split('.')[0]
for e in ev:
    frames = e['values']['stackTrace']['frames']
    if not frames: continue
    n += 1
    top[bucket(frames[0]['method'])] += 1
    seen = set()
    for fr in frames:
        m = fr['method']; t = m['type']['name'].replace('/', '.').replace('/', '.')
        if t.startswith('io.stepwise') or t.startswith('org.springframework.transaction.interceptor') or t.startswith('org.postgresql.core.v3.QueryExecutorImpl') or t.startswith('com.zaxxer.hikari.pool.HikariPool'):
            k = t.split('.')[-1] + '.' + m['name']
            if k not in seen: seen.add(k); incl[k] += 1
print(f'samples: {n}')
print('| self time by package (top frame) | share |\n|---|---:|')
for k, v in top.most_common(14): print(f'| {k} | {100*v/n:.1f} % |')
print('\n| inclusive (method on the stack) | share |\n|---|---:|')
for k, v in incl.most_common(22): print(f'| {k} | {100*v/n:.1f} % |')
