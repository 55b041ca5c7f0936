/**
 * A notification callback plugin for ansible-core (`CALLBACK_TYPE = 'notification'`, enabled with
 * `ANSIBLE_CALLBACKS_ENABLED`): it writes one JSON line per task result and host to `PAAS_TASKS_FILE`
 * while the default stdout callback keeps printing the human log. Debian's ansible-core 2.14 ships no
 * JSON callback (`json` and `jsonl` live in the ansible.posix collection), so the agent brings this one.
 * Follows ansible's own `lib/ansible/plugins/callback/__init__.py` v2 hooks; no_log results reach
 * callbacks already censored by the task executor.
 */
export const TASK_CALLBACK_NAME = 'paas_tasks';

export const TASK_CALLBACK_SOURCE = `
import json
import os

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'notification'
    CALLBACK_NAME = '${TASK_CALLBACK_NAME}'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super().__init__()
        self._out = open(os.environ['PAAS_TASKS_FILE'], 'a', buffering=1)

    def _write(self, result, status):
        res = result._result
        msg = res.get('msg') if status in ('failed', 'unreachable') else None
        self._out.write(json.dumps({
            'host': result._host.get_name(),
            'task': result._task.get_name(),
            'status': status,
            'changed': bool(res.get('changed')),
            'message': None if msg is None else str(msg),
        }) + '\\n')

    def v2_runner_on_ok(self, result):
        self._write(result, 'changed' if result._result.get('changed') else 'ok')

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._write(result, 'failed')

    def v2_runner_on_skipped(self, result):
        self._write(result, 'skipped')

    def v2_runner_on_unreachable(self, result):
        self._write(result, 'unreachable')
`;
