#!/usr/bin/env python3
"""A Stepwise activity worker in plain Python (standard library only).

It long-polls an activity, sends a heartbeat, does the work, and answers with the task token:

    python3 activity_worker.py --url http://localhost:8080 --activity resize-image

Run several of these for more throughput; each task goes to exactly one of them. A worker that dies
mid-task loses nothing: the task times out by its HeartbeatSeconds and the state's Retry decides.
"""
import argparse
import json
import time
import urllib.error
import urllib.request


def call(url, path, body):
    """POSTs JSON; returns (status, parsed body or None). Problems (4xx) come back, not raised."""
    request = urllib.request.Request(url + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=70) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        raw = error.read()
        return error.code, json.loads(raw) if raw else None


def work(task_input):
    """The work itself; replace with yours. Raise to report a failure."""
    if isinstance(task_input, dict) and "n" in task_input:
        return {"doubled": task_input["n"] * 2}
    return {"echo": task_input}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://localhost:8080")
    parser.add_argument("--activity", required=True)
    parser.add_argument("--worker-name", default="python-worker")
    parser.add_argument("--tasks", type=int, default=0, help="stop after this many tasks (0: never)")
    parser.add_argument("--wait-seconds", type=int, default=20, help="long-poll wait, 0 to 60")
    parser.add_argument("--hold-seconds", type=float, default=0,
                        help="pretend each task takes this long, without heartbeats (to try what a stuck worker does)")
    args = parser.parse_args()

    done = 0
    while args.tasks == 0 or done < args.tasks:
        status, task = call(args.url, f"/v1/activities/{args.activity}/poll?waitSeconds={args.wait_seconds}",
                            {"workerName": args.worker_name})
        if status == 204:
            continue  # nothing came within the wait: poll again
        if status != 200:
            raise SystemExit(f"poll answered {status}: {task}")
        token = task["taskToken"]
        call(args.url, "/v1/tasks/heartbeat", {"taskToken": token})
        if args.hold_seconds:
            print(f"{args.worker_name}: holding a task", flush=True)
            time.sleep(args.hold_seconds)
        try:
            answer = ("/v1/tasks/success", {"taskToken": token, "output": work(task["input"])})
        except Exception as failure:  # the task fails with the exception's type as its error name
            answer = ("/v1/tasks/failure", {"taskToken": token, "error": type(failure).__name__,
                                            "cause": str(failure)})
        status, problem = call(args.url, *answer)
        if status != 204:
            print(f"answer refused ({status}): {problem}")  # e.g. task-timed-out: the task went to a retry
        done += 1
    print(f"{args.worker_name}: {done} tasks")


if __name__ == "__main__":
    main()
