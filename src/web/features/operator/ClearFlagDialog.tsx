import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { TOperatorFlag } from '../../../shared/api/operator-flags.ts';
import { ApiError } from '../../api.ts';
import { FormProblem } from '../account/FormProblem.tsx';
import { FLAG_KIND_LABELS } from './flag-copy.ts';
import { flagsApi } from './flags-api.ts';

export const FLAGS_KEY = ['account', 'admin', 'flags'];

/** Clears one flag with the operator's note; the server keeps who, when and why (and audits it). */
export function ClearFlagDialog({ flag, onClose }: { flag: TOperatorFlag; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const clear = useMutation({
    mutationFn: () => flagsApi.clear(flag.id, { note }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: FLAGS_KEY });
      onClose();
    },
    // Someone else cleared it meanwhile: show the list as it is now, with the server's message.
    onError: async (e) => {
      if (e instanceof ApiError && e.code === 'flag_already_cleared') await queryClient.invalidateQueries({ queryKey: FLAGS_KEY });
    },
  });
  const fields = clear.error instanceof ApiError ? clear.error.fields : {};
  return (
    <Modal opened onClose={onClose} title={`Clear: ${FLAG_KIND_LABELS[flag.kind]}`}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          clear.mutate();
        }}
      >
        <Stack gap="sm">
          <Textarea
            label="Note"
            description="Why this needs nothing more. Kept with the flag and in the audit log."
            required
            autosize
            minRows={2}
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={fields['note']}
            data-autofocus
          />
          {clear.isError && <FormProblem error={clear.error} title="The flag was not cleared" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={clear.isPending}>
              Clear flag
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
