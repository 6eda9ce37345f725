import { useState } from 'react';
import type { ComboDto, ModelAliasDto } from '../../../shared/routing.js';
import { errorMessage } from '../api/client.js';
import { combos, modelAliases } from '../api/endpoints.js';
import { useApiList } from '../api/use-api-list.js';
import { ErrorMessage } from '../components/error-message.js';
import { AliasForm } from './alias-form.js';
import { AliasList } from './alias-list.js';
import { ComboForm } from './combo-form.js';
import { ComboList } from './combo-list.js';

/** Combos and model aliases: names clients can use as a model, and where they lead. */
export function CombosPage() {
  const comboList = useApiList(combos.list);
  const aliasList = useApiList(modelAliases.list);
  const [editing, setEditing] = useState<ComboDto>();

  const removeCombo = async (combo: ComboDto): Promise<void> => {
    try {
      await combos.remove(combo.id);
      if (editing?.id === combo.id) setEditing(undefined);
      await comboList.reload();
    } catch (failure) {
      comboList.setError(errorMessage(failure));
    }
  };
  const removeAlias = async (alias: ModelAliasDto): Promise<void> => {
    try {
      await modelAliases.remove(alias.alias);
      await aliasList.reload();
    } catch (failure) {
      aliasList.setError(errorMessage(failure));
    }
  };
  // An alias can name a combo and a combo an alias: after either changes, both lists are refreshed.
  const reloadBoth = (): void => {
    void comboList.reload();
    void aliasList.reload();
  };

  return (
    <>
      <p className="lead">
        A combo is a named group of targets that clients use as a model, with fallback between them. An alias gives a model another name;
        a wildcard route such as <code>anthropic/*</code> sends a whole provider prefix elsewhere.
      </p>
      {editing ? (
        <ComboForm
          key={editing.id}
          editing={editing}
          onSaved={() => {
            setEditing(undefined);
            reloadBoth();
          }}
          onCancel={() => setEditing(undefined)}
        />
      ) : (
        <ComboForm onSaved={reloadBoth} />
      )}
      <section aria-labelledby="combos-title">
        <h2 id="combos-title">Your combos</h2>
        <ErrorMessage message={comboList.error} />
        {comboList.items === undefined && !comboList.error ? <p className="loading">Loading combos…</p> : null}
        {comboList.items ? <ComboList combos={comboList.items} onEdit={setEditing} onDelete={(combo) => void removeCombo(combo)} /> : null}
      </section>
      <AliasForm onSaved={reloadBoth} />
      <section aria-labelledby="aliases-title">
        <h2 id="aliases-title">Aliases and wildcard routes</h2>
        <ErrorMessage message={aliasList.error} />
        {aliasList.items === undefined && !aliasList.error ? <p className="loading">Loading aliases…</p> : null}
        {aliasList.items ? <AliasList aliases={aliasList.items} onDelete={(alias) => void removeAlias(alias)} /> : null}
      </section>
    </>
  );
}
