import { lazy } from 'react';

// The dialogs load when first opened, so no page pays for them up front (the Activity panel does the same).
export const EditListDialog = lazy(() => import('./edit-list-dialog').then((module) => ({ default: module.EditListDialog })));
export const DeleteListDialog = lazy(() => import('./delete-list-dialog').then((module) => ({ default: module.DeleteListDialog })));
export const ShareDialog = lazy(() => import('./share-dialog').then((module) => ({ default: module.ShareDialog })));
